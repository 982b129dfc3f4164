import { expect, test } from "vitest";
import { readReports } from "../../src/analyse/read-reports.js";
import { OFF_THREAD_FROM, offThreadReader } from "../../src/app/read-off-thread.js";
import { fixtureText } from "../helpers/fixtures.js";

// The worker is the built one (npm test builds lib/ first): the thread runs what the server runs.
const WORKER = new URL("../../lib/app/parse-worker.js", import.meta.url);
const seed = fixtureText("logs/seed-2020-culprit.txt");

test("a big text is read in a worker thread while the event loop keeps turning, with the same result", async () => {
  const big = Array.from({ length: Math.ceil((4 * 1024 * 1024) / seed.length) }, () => seed).join("\n");
  expect(big.length).toBeGreaterThan(OFF_THREAD_FROM);
  const read = offThreadReader(WORKER);
  let turns = 0;
  const ticker = setInterval(() => turns++, 0);
  const result = await read(big);
  clearInterval(ticker);
  // Read in this thread, not one timer could have fired meanwhile.
  expect(turns).toBeGreaterThan(0);
  expect(result).toEqual(readReports(big));
});

test("a small text is read at once, and a second big one reuses the thread", async () => {
  const read = offThreadReader(WORKER);
  expect(await read(seed)).toEqual(readReports(seed));
  const big = `${seed}\n${" ".repeat(OFF_THREAD_FROM)}`;
  const [a, b] = await Promise.all([read(big), read(big)]);
  expect(a).toEqual(b);
  expect(a.reports).toHaveLength(1);
});
