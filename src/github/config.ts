import { type ConfigResult, validateConfig } from "../config/load.js";
import type { IssueEventContext } from "./types.js";

export const CONFIG_FILE = "syztriage.yml";

/** `.github/syztriage.yml` of the repository, else of the owner's `.github` repository, validated. */
export async function loadConfig(context: IssueEventContext): Promise<ConfigResult> {
  try {
    return validateConfig(await context.config(CONFIG_FILE));
  } catch (err) {
    // Invalid YAML, a directory in the file's place, an _extends loop: the user must fix the file.
    return { ok: false, error: (err as Error).message };
  }
}
