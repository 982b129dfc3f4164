import { Worker } from "node:worker_threads";
import { readReports } from "../analyse/read-reports.js";
import type { ParseResult } from "../parse/schema.js";

/** Below this a text is read at once: under about 10 ms, less than handing it to a thread costs. */
export const OFF_THREAD_FROM = 256 * 1024;

/** Reads a text for its reports (analyse/origin.ts's ReadText is a text so read). */
export type ReadLog = (text: string) => Promise<ParseResult>;

/** Reads in the calling thread: what tests and the CLI use. */
export const readInline: ReadLog = async (text) => readReports(text);

/**
 * Reads big texts (attached logs of several megabytes) in a worker thread, so
 * the server keeps answering webhooks and health checks meanwhile; small ones
 * at once. One worker, started on first use and not keeping the process alive;
 * if it dies, the next big text starts another.
 */
export function offThreadReader(workerUrl: URL = new URL("./parse-worker.js", import.meta.url)): ReadLog {
  let worker: Worker | null = null;
  let next = 0;
  const waiting = new Map<number, { resolve: (r: ParseResult) => void; reject: (e: Error) => void }>();
  const start = (): Worker => {
    const w = new Worker(workerUrl);
    w.unref();
    w.on("message", (m: { id: number; result?: ParseResult; error?: string }) => {
      const pending = waiting.get(m.id);
      waiting.delete(m.id);
      if (m.result) pending?.resolve(m.result);
      else pending?.reject(new Error(m.error ?? "the reader thread failed"));
    });
    const fail = (err: Error) => {
      worker = null;
      for (const p of waiting.values()) p.reject(err);
      waiting.clear();
    };
    w.on("error", fail);
    w.on("exit", (code) => fail(new Error(`the reader thread exited (${code})`)));
    return w;
  };
  return (text) => {
    if (text.length < OFF_THREAD_FROM) return readInline(text);
    worker ??= start();
    const id = next++;
    const w = worker;
    return new Promise((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      w.postMessage({ id, text });
    });
  };
}
