import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { expect, test } from "vitest";
import { packedEntries, ROOT } from "./app-process.js";

// No Docker daemon here: production.test.ts runs what the image runs; this checks the image says so.
const dockerfile = readFileSync(join(ROOT, "Dockerfile"), "utf8");
const stages = dockerfile.split(/^FROM /m).slice(1);
const runtime = stages.at(-1) ?? "";

/** The paths a stage's COPY lines bring in from the build context (not from another stage). */
function copied(stage: string): string[] {
  return [...stage.matchAll(/^COPY (?!--from)(.+) \S+$/gm)].flatMap((m) => (m[1] as string).split(/\s+/)).map((p) => p.replace(/\/$/, ""));
}

test("two stages: the build installs everything and compiles, the runtime installs production dependencies only", () => {
  expect(stages).toHaveLength(2);
  expect(stages[0]).toMatch(/^RUN npm ci\b/m);
  expect(stages[0]).toMatch(/^RUN npm run build$/m);
  expect(runtime).toMatch(/^RUN npm ci --omit=dev --ignore-scripts\b/m);
  expect(runtime).toMatch(/^COPY --from=build \/app\/lib \.\/lib$/m);
});

test("the runtime stage holds what `npm pack` ships (plus the lockfile), runs as a non-root user on 0.0.0.0 with a /health check", () => {
  expect([...copied(runtime), "lib"].sort()).toEqual([...packedEntries(), "package-lock.json"].sort());
  expect(runtime).toMatch(/^USER (?!root)\S+$/m);
  expect(runtime).toMatch(/HOST=0\.0\.0\.0/);
  expect(runtime).toMatch(/^HEALTHCHECK .*\/health/m);
  expect(runtime).toMatch(/^CMD \["node", "lib\/server\.js"\]$/m);
});

test(".dockerignore lets in exactly what the Dockerfile copies", () => {
  const allowed = readFileSync(join(ROOT, ".dockerignore"), "utf8")
    .split("\n")
    .filter((l) => l.startsWith("!"))
    .map((l) => l.slice(1).replace(/\/$/, ""));
  expect(allowed.sort()).toEqual([...new Set(stages.flatMap(copied))].sort());
});

test("compose.yaml runs the app with Redis: REDIS_URL points at its redis service, which is up first", () => {
  const compose = parse(readFileSync(join(ROOT, "compose.yaml"), "utf8")) as {
    services: Record<string, { environment?: Record<string, string>; depends_on?: Record<string, unknown>; image?: string }>;
  };
  const { app, redis } = compose.services;
  expect(redis?.image).toMatch(/^redis:/);
  expect(app?.environment?.REDIS_URL).toBe("redis://redis:6379");
  expect(app?.depends_on).toHaveProperty("redis");
});
