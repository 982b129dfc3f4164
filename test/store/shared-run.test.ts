import { expect, test } from "vitest";
import { sharedRun } from "../../src/store/index.js";

test("runs of one key under way together share one run; a failed run is not kept", async () => {
  const running = new Map<string, Promise<number>>();
  let runs = 0;
  const fails = () => sharedRun(running, "k", async () => {
    runs++;
    await new Promise((resolve) => setTimeout(resolve, 5));
    throw new Error("GitHub said 502");
  });
  const both = await Promise.allSettled([fails(), fails()]);
  expect(both.map((r) => r.status)).toEqual(["rejected", "rejected"]);
  expect(runs).toBe(1);
  expect(running.size).toBe(0);
  // The next call runs again rather than answering with the failure.
  expect(await sharedRun(running, "k", async () => ++runs)).toBe(2);
});
