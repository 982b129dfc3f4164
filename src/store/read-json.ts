import type { z } from "zod";

/** The value `text` holds if it is JSON of `schema`'s shape, else undefined: stored text may be damaged or from another version. */
export function readJson<T>(text: string, schema: z.ZodType<T>): T | undefined {
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
