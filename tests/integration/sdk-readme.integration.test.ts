import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, request } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { closeOwner, createTenant, env, owner, type FixtureTenant } from "../support/fixtures";

// packages/sdk/README.md cannot drift: every `ts` block is an example run here against the built
// app, each as the README says (the "Create a client" block first, then the example), with the
// environment a reader sets (VENDAFLOW_URL, VENDAFLOW_API_KEY, VENDAFLOW_INBOX). The host is
// `<tenant>.localhost:<port>`, so the README's localhostFetch is what reaches the app. The blocks
// are type-checked too, against the router's types, so a renamed field fails here.

const testsDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const readmePath = path.join(testsDir, "..", "packages", "sdk", "README.md");

interface Example {
  heading: string;
  file: string;
}

/** The `ts` blocks of the README with the `## ` heading each sits under. */
function readmeBlocks(markdown: string) {
  const blocks: { heading: string; code: string }[] = [];
  let heading = "";
  for (const m of markdown.matchAll(/^## (.+)$|^```ts\n([\s\S]*?)^```$/gm)) {
    if (m[1] !== undefined) heading = m[1].trim();
    else blocks.push({ heading, code: m[2]! });
  }
  return blocks;
}

/** One runnable module: the imports of the setup and the example on top, their bodies in `run`. */
function moduleOf(setup: string, example: string) {
  const imports: string[] = [];
  const body: string[] = [];
  for (const line of `${setup}\n${example}`.split("\n")) (line.startsWith("import ") ? imports : body).push(line);
  return `${[...new Set(imports)].join("\n")}\n\nexport default async function run() {\n${body.join("\n")}\n}\n`;
}

let tenant: FixtureTenant;
let dir: string;
let examples: Example[] = [];
const savedEnv = { ...process.env };

beforeAll(async () => {
  tenant = await createTenant();
  const admin = await tenant.loginAs("admin");
  const key = await admin.trpc<{ key: string }>("mutation", "apiKeys.create", { name: "README", scopes: ["leads:read", "deals:read", "deals:write", "conversations:read", "conversations:write"] });
  expect(key.error).toBeNull();
  const inbox = await admin.trpc<{ inbox: { publicKey: string } }>("mutation", "inboxes.create", { channel: "api", name: "Backend", settings: { allowedOrigins: [], schedulingUrl: "", templates: {} } });
  expect(inbox.error).toBeNull();
  await owner().query("insert into leads (tenant_id, name, source, visitor_id, bant_score) values ($1, 'Marina do README', 'api', gen_random_uuid()::text, 80)", [tenant.id]);
  process.env.VENDAFLOW_URL = `http://${tenant.host}`;
  process.env.VENDAFLOW_API_KEY = key.data.key;
  process.env.VENDAFLOW_INBOX = inbox.data.inbox.publicKey;

  const blocks = readmeBlocks(readFileSync(readmePath, "utf8"));
  const [setup, ...rest] = blocks;
  expect(setup?.heading).toBe("Create a client");
  dir = mkdtempSync(path.join(testsDir, ".sdk-readme-"));
  examples = rest.map((b, i) => {
    const file = path.join(dir, `example-${i + 1}.ts`);
    writeFileSync(file, moduleOf(setup!.code, b.code));
    return { heading: b.heading, file };
  });
});
afterAll(async () => {
  process.env = savedEnv;
  if (dir) rmSync(dir, { recursive: true, force: true });
  await closeOwner();
});

/**
 * A proxy in front of the app that answers its first calls with `refusals` in turn (429 with
 * Retry-After: 1, 503 without one, as the app answers a rolled-back transaction) and forwards the
 * rest with the tenant's Host, so the example's retries are really exercised.
 */
async function refusingProxy(refusals: (429 | 503)[]) {
  const seen: number[] = [];
  const server = createServer((req, res) => {
    const refusal = refusals[seen.push(seen.length) - 1];
    if (refusal === 429) {
      res.writeHead(429, { "retry-after": "1", "content-type": "application/json" });
      res.end(JSON.stringify({ error: { json: { message: "Muitas requisições.", code: -32029, data: { code: "TOO_MANY_REQUESTS", httpStatus: 429 } } } }));
      return;
    }
    if (refusal === 503) {
      res.writeHead(503, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { json: { message: "Não foi possível concluir agora. Tente novamente em instantes.", code: -32603, data: { code: "SERVICE_UNAVAILABLE", httpStatus: 503 } } } }));
      return;
    }
    const fwd = request({ host: "127.0.0.1", port: env().port, path: req.url, method: req.method, headers: { ...req.headers, host: tenant.host } }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    req.pipe(fwd);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://${tenant.slug}.localhost:${(server.address() as AddressInfo).port}`, calls: () => seen.length, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** Runs one example and returns what it printed. */
async function run(heading: string) {
  const ex = examples.find((e) => e.heading === heading);
  if (!ex) throw new Error(`README has no example under "## ${heading}" (it has: ${examples.map((e) => e.heading).join(", ")})`);
  const lines: string[] = [];
  const log = vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(" ")));
  try {
    const mod = (await import(pathToFileURL(ex.file).href)) as { default: () => Promise<void> };
    await mod.default();
  } finally {
    log.mockRestore();
  }
  return lines.join("\n");
}

describe("packages/sdk/README.md", () => {
  it("has the examples this test knows, and each one type-checks against the router", () => {
    expect(examples.map((e) => e.heading)).toEqual(["List leads", "Create a deal", "Send an API inbox message and read the bot's reply", "Handle a typed error", "Rate limits (429), brief outages (503) and retries"]);
    const config = ts.readConfigFile(path.join(testsDir, "tsconfig.json"), ts.sys.readFile);
    const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, testsDir);
    const program = ts.createProgram(examples.map((e) => e.file), { ...parsed.options, noEmit: true });
    // Diagnostics of the examples only: the whole program's (the router's sources) were computed and then thrown away.
    const errors = examples.flatMap((e) => ts.getPreEmitDiagnostics(program, program.getSourceFile(e.file))).filter((d) => d.file && d.file.fileName.startsWith(dir));
    expect(errors.map((d) => `${path.basename(d.file!.fileName)}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`)).toEqual([]);
  }, 180_000);

  it("List leads", async () => {
    expect(await run("List leads")).toContain("Marina do README new 80");
  });

  it("Create a deal (and win it)", async () => {
    expect(await run("Create a deal")).toMatch(/negócio criado [0-9a-f-]{36}/);
    const { rows } = await owner().query("select status, value_cents::int as value_cents from deals where tenant_id = $1 and title = 'Plano anual — Padaria Central'", [tenant.id]);
    expect(rows).toEqual([{ status: "won", value_cents: 990000 }]);
  });

  it("Send an API inbox message and read the bot's reply", async () => {
    const out = await run("Send an API inbox message and read the bot's reply");
    expect(out).toMatch(/^bot: .+/m);
    expect(out).toContain("lead: Olá, quero um orçamento");
  });

  it("Handle a typed error", async () => {
    const out = await run("Handle a typed error");
    expect(out).toContain("NOT_FOUND Negócio não encontrado.");
    expect(out).toMatch(/^title .+/m);
  });

  it("Rate limits (429), brief outages (503) and retries: a 429 and a 503 are waited out and the call succeeds", async () => {
    const proxy = await refusingProxy([429, 503]);
    process.env.VENDAFLOW_URL = proxy.url;
    try {
      expect(await run("Rate limits (429), brief outages (503) and retries")).toMatch(/^\d+ negócios$/m);
      expect(proxy.calls()).toBe(3);
    } finally {
      process.env.VENDAFLOW_URL = `http://${tenant.host}`;
      await proxy.close();
    }
  });
});
