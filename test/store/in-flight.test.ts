import { setTimeout as sleep } from "node:timers/promises";
import { expect, test } from "vitest";
import { InFlight } from "../../src/store/index.js";

test("drained waits for the work in flight, failed work included, and passes its results through", async () => {
  const inFlight = new InFlight();
  const order: string[] = [];
  const ok = inFlight.track(async () => {
    await sleep(50);
    order.push("ok done");
    return 7;
  });
  const failing = inFlight.track(async () => {
    await sleep(80);
    order.push("failing done");
    throw new Error("boom");
  });
  expect(inFlight.size).toBe(2);
  const drained = inFlight.drained(5_000).then((d) => order.push(`drained ${d}`));
  await expect(ok).resolves.toBe(7);
  await expect(failing).rejects.toThrow("boom");
  await drained;
  expect(order).toEqual(["ok done", "failing done", "drained true"]);
  expect(inFlight.size).toBe(0);
  expect(await inFlight.drained(1)).toBe(true);
});

test("drained gives up after its timeout when work is still running", async () => {
  const inFlight = new InFlight();
  void inFlight.track(() => sleep(300));
  expect(await inFlight.drained(20)).toBe(false);
  expect(inFlight.size).toBe(1);
  expect(await inFlight.drained(2_000)).toBe(true);
});
