import { setTimeout as sleep } from "node:timers/promises";
import type { StoreLog } from "../../src/store/index.js";

/** Waits until `condition` holds, checking every few milliseconds; fails after `timeoutMs`. */
export async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met in ${timeoutMs} ms`);
    await sleep(5);
  }
}

export interface LogLine {
  level: "info" | "warn" | "error";
  fields: Record<string, unknown>;
  message: string;
}

/** A StoreLog that keeps what it is told. */
export function collectLog(): { log: StoreLog; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at = (level: LogLine["level"]) => (fields: object, message: string) => void lines.push({ level, fields: fields as Record<string, unknown>, message });
  return { log: { info: at("info"), warn: at("warn"), error: at("error") }, lines };
}
