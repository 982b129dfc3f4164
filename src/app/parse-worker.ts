import { parentPort } from "node:worker_threads";
import { readReports } from "../analyse/read-reports.js";

// The worker behind read-off-thread.ts: reads the texts it is sent, one at a time.
parentPort?.on("message", ({ id, text }: { id: number; text: string }) => {
  try {
    parentPort?.postMessage({ id, result: readReports(text) });
  } catch (err) {
    parentPort?.postMessage({ id, error: (err as Error).message });
  }
});
