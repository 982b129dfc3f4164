import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { type Config, ConfigSchema } from "./schema.js";

export type ConfigResult = { ok: true; config: Config } | { ok: false; error: string };

/** Validates an already parsed config file (null when there is none). */
export function validateConfig(raw: unknown): ConfigResult {
  const parsed = ConfigSchema.safeParse(raw ?? {});
  return parsed.success ? { ok: true, config: parsed.data } : { ok: false, error: z.prettifyError(parsed.error) };
}

/** Parses and validates the YAML text of a config file. */
export function configFromYaml(text: string): ConfigResult {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (err) {
    return { ok: false, error: `invalid YAML: ${(err as Error).message}` };
  }
  return validateConfig(raw);
}
