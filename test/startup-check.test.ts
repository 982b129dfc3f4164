import { describe, expect, test } from "vitest";
import { startupProblem } from "../src/startup-check.js";

describe("the server refuses to start in production with a forgeable webhook secret", () => {
  test.each([
    [{ NODE_ENV: "production" }, true],
    [{ NODE_ENV: "production", WEBHOOK_SECRET: "development" }, true],
    [{ NODE_ENV: "production", WEBHOOK_SECRET: "" }, true],
    [{ NODE_ENV: "production", WEBHOOK_SECRET: "s3cret-from-the-app-settings" }, false],
    [{ NODE_ENV: "development" }, false],
    [{}, false],
  ])("%j refused: %s", (env, refused) => {
    const problem = startupProblem(env);
    expect(problem !== null).toBe(refused);
    if (refused) expect(problem).toContain("WEBHOOK_SECRET");
  });
});
