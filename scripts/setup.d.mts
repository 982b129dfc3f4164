// Types of setup.mjs for the tests that use it.
export function dependencyProblem(root?: string): string | null;
export function findExecutable(name: string, path?: string): string | null;
export type RedisPlan = { action: "none" } | { action: "install"; command: string[] } | { action: "tell"; message: string };
export function redisPlan(machine: { found: boolean; root: boolean; aptGet: boolean }): RedisPlan;
