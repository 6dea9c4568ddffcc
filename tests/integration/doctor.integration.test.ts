import { spawnSync } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { checkDatabase } from "@vendaflow/db/doctor";
import { repoRoot } from "@vendaflow/db/paths";
import { appServerEnv } from "../support/app-env";
import { closeOwner, env } from "../support/fixtures";

afterAll(closeOwner);

/** `pnpm run doctor` as an operator runs it, with exactly this environment. */
const doctor = (vars: Record<string, string>) =>
  spawnSync("pnpm", ["--silent", "run", "doctor"], { cwd: repoRoot(), encoding: "utf8", env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...vars }, timeout: 120_000 });

describe("pnpm run doctor against a real database", () => {
  it("the app role is bound by RLS, the schema is migrated and nothing is pending", async () => {
    const f = await checkDatabase(env().appUrl, env().ownerUrl);
    expect(f.map((x) => [x.check, x.level])).toEqual([["database role", "ok"], ["database schema", "ok"], ["migrations", "ok"]]);
  });

  it("fails a superuser as the app's role (RLS would not apply) and an unreachable server", async () => {
    const owner = await checkDatabase(env().ownerUrl);
    expect(owner.find((x) => x.check === "database role")).toMatchObject({ level: "fail", message: expect.stringContaining("row-level security would not isolate tenants") });
    const down = await checkDatabase("postgres://nobody:x@127.0.0.1:1/none");
    expect(down[0]).toMatchObject({ check: "database", level: "fail" });
  });

  it("the command prints what is missing and exits 1 for production gaps, 0 for a sound development setup", { timeout: 240_000 }, () => {
    const dev = doctor(appServerEnv(env().appUrl, env().rootDomain, { DATABASE_OWNER_URL: env().ownerUrl }));
    expect(dev.stdout).toContain("ok    database role");
    expect(dev.stdout).toContain("warn  UPSTASH_REDIS_REST_URL");
    expect(dev.status).toBe(0);
    const prod = doctor(appServerEnv(env().appUrl, env().rootDomain, { VERCEL: "1" }));
    expect(prod.stdout).toMatch(/FAIL {2}PUBLIC_PROTOCOL: must be https/);
    expect(prod.stdout).toMatch(/FAIL {2}QSTASH_TOKEN/);
    expect(prod.status).toBe(1);
  });
});
