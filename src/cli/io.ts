import { readFile } from "node:fs/promises";

/** What a CLI command may touch, so commands run the same in tests and in a terminal. */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Reads a file, or standard input for "-". */
  read(path: string): Promise<string>;
  /** How commands that read the network (the mirror's dry run) reach it; the global fetch when absent. */
  fetch?: typeof fetch;
}

/** A mistake in the command line: printed with the usage text, exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** `--repo OWNER/NAME` as commands take it: absent, or both parts. */
export function checkRepoArg(repo: string | undefined): void {
  if (repo !== undefined && !/^[\w.-]+\/[\w.-]+$/.test(repo)) throw new UsageError("--repo takes OWNER/NAME");
}

/** Reads a file a command line names; one it cannot read is a usage error. */
export async function readOrFail(io: CliIO, path: string): Promise<string> {
  try {
    return await io.read(path);
  } catch (err) {
    throw new UsageError(`cannot read ${path}: ${(err as Error).message}`);
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export const processIO: CliIO = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  read: (path) => (path === "-" ? readStdin() : readFile(path, "utf8")),
};
