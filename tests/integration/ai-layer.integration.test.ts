import path from "node:path";
import { tmpdir } from "node:os";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { aiSdkModel } from "@vendaflow/connectors/ai/ai-sdk-model";
import { localScheduler } from "@vendaflow/connectors/qstash/local-scheduler";
import { outboxSender } from "@vendaflow/connectors/smtp/outbox-sender";
import { disabledPayments } from "@vendaflow/connectors/stripe/disabled-payments";
import { memoryStore } from "@vendaflow/connectors/upstash/memory-store";
import { diskStorage } from "@vendaflow/connectors/storage/disk-storage";
import { cloudApiSender } from "@vendaflow/connectors/whatsapp/whatsapp-sender";
import { readWithAi } from "@vendaflow/core/assist/read-with-ai";
import { classifyPrompt } from "@vendaflow/core/assist/prompts";
import { setOperatorAiBlock, updateAiSettings } from "@vendaflow/core/assist/settings";
import { aiHandoffSummary } from "@vendaflow/core/assist/summarize";
import { defaultBantFlow } from "@vendaflow/core/bot/default-flow";
import { runBot, startBot } from "@vendaflow/core/bot/engine";
import type { BotInput } from "@vendaflow/core/bot/types";
import { postApiMessage } from "@vendaflow/core/conversations/api-inbox";
import { AI_LAYER_DEFAULTS, type AiLayerConfig, type AppDeps } from "@vendaflow/core/deps";
import { appLinks } from "@vendaflow/core/links";
import type { AiModel } from "@vendaflow/core/ports/ai-model";
import { createDb, type Database } from "@vendaflow/db/create-db";
import { withTenant } from "@vendaflow/db/with-tenant";
import type { AiProviderName } from "@vendaflow/validators/ai";
import type { BotState } from "@vendaflow/validators/flow";
import { startAiStandIn, type AiStandIn } from "../stand-ins/ai-provider";
import { closeOwner, createTenant, env, loginOperator, owner } from "../support/fixtures";

// The AI layer end to end: the real AI SDK providers against a local stand-in speaking OpenAI's
// and Anthropic's wire formats (and their failures), the gate and policy in core against real
// Postgres as the app role, and one conversation through the API inbox with the layer on.

let standIn: AiStandIn;
let db: Database;
let closeDb: () => Promise<void>;

beforeAll(async () => {
  standIn = await startAiStandIn();
  ({ db, close: closeDb } = createDb({ url: env().appUrl, max: 2 }));
});
afterEach(() => {
  // Every scripted answer was asked for: a leftover means a call the test expected never happened.
  expect(standIn.pending()).toBe(0);
});
afterAll(async () => {
  await standIn?.close();
  await closeDb?.();
  await closeOwner();
});

const NOW = new Date("2026-06-10T12:00:00Z");
const model = (provider: AiProviderName = "openai") => aiSdkModel({ provider, model: "stand-in-1", apiKey: "test-key", baseUrl: standIn.baseUrl });
const layer = (m: AiModel | null, extra: Partial<AiLayerConfig> = {}): AiLayerConfig => ({ model: m, ...AI_LAYER_DEFAULTS, killSwitch: false, ...extra });
const budgetChoices = [
  { key: "opcao_1", text: "Menos de R$ 1.000/mês" },
  { key: "opcao_2", text: "R$ 1.000 - R$ 5.000/mês" },
];
const prompt = (timeoutMs = 3000) => classifyPrompt("Qual é o orçamento?", budgetChoices, "algo modesto por enquanto", timeoutMs);

/** The default flow's state waiting at the budget step. */
function atBudget(): BotState {
  let s = startBot(defaultBantFlow, NOW).state;
  for (const text of ["Ana", "pular"]) s = runBot(defaultBantFlow, s, { kind: "text", text }, NOW).state;
  expect(s.stepId).toBe("budget");
  return s;
}

describe("AI SDK adapter against the provider stand-in", () => {
  for (const provider of ["openai", "openai-compatible", "anthropic"] as const) {
    it(`${provider}: structured output comes back zod-validated with token usage`, async () => {
      const before = standIn.calls.length;
      standIn.script({ kind: "json", value: { choice: "opcao_1", confidence: 0.88, evidence: ["algo modesto"] } });
      const r = await model(provider).classify(prompt());
      expect(r).toMatchObject({ ok: true, value: { choice: "opcao_1", confidence: 0.88, evidence: ["algo modesto"] } });
      expect(r.usage.inputTokens).toBeGreaterThan(10);
      expect(r.usage.outputTokens).toBeGreaterThan(0);
      const call = standIn.calls[before]!;
      expect(call.path).toBe(provider === "anthropic" ? "/v1/messages" : "/v1/chat/completions");
      expect(call.body.model).toBe("stand-in-1");
      expect(call.promptText).toContain('- opcao_2: R$ 1.000 - R$ 5.000/mês');
      expect(call.promptText).toContain('"""algo modesto por enquanto"""');
      if (provider === "openai") expect((call.body.response_format as { type: string }).type).toBe("json_schema");
      if (provider === "anthropic") expect(call.headers["x-api-key"]).toBe("test-key");
      else expect(call.headers.authorization).toBe("Bearer test-key");
    });
  }

  it("a provider that hangs is a timeout at the configured limit, not a stuck request", async () => {
    standIn.script({ kind: "hang" });
    const r = await model().classify(prompt(300));
    expect(r).toMatchObject({ ok: false, failure: "timeout" });
    expect(r.latencyMs).toBeGreaterThanOrEqual(290);
    expect(r.latencyMs).toBeLessThan(2000);
  });

  it("429 is rate_limited and is not retried (the rules answer instead)", async () => {
    const before = standIn.calls.length;
    standIn.script({ kind: "status", status: 429 });
    const r = await model().classify(prompt());
    expect(r).toMatchObject({ ok: false, failure: "rate_limited" });
    expect(standIn.calls.length - before).toBe(1);
  });

  it("malformed JSON, JSON off the schema and a 500 are failures, never values", async () => {
    standIn.script({ kind: "malformed" });
    expect(await model().classify(prompt())).toMatchObject({ ok: false, failure: "malformed" });
    standIn.script({ kind: "json", value: { choice: "opcao_1", confidence: 7, evidence: "tudo" } });
    expect(await model("openai-compatible").classify(prompt())).toMatchObject({ ok: false, failure: "malformed" });
    standIn.script({ kind: "text", text: "Acho que é a opção 1!" });
    expect(await model("anthropic").classify(prompt())).toMatchObject({ ok: false, failure: "malformed" });
    standIn.script({ kind: "status", status: 500 });
    expect(await model().classify(prompt())).toMatchObject({ ok: false, failure: "provider_error" });
  });

  it("the prompt carries the question, options and answer only, with e-mails and phones masked", () => {
    const p = classifyPrompt("Qual é o orçamento?", budgetChoices, "uns trocados, me liga 21 99876-5432 ou ana@empresa.com.br", 1000);
    expect(p.user).toContain("[telefone]");
    expect(p.user).toContain("[e-mail]");
    expect(p.user).not.toMatch(/99876|ana@empresa/);
  });
});

describe("the gate and the policy, on real rows", () => {
  async function tenantWithAi(settings: { enabled: boolean; monthlyTokenCap?: number }) {
    const t = await createTenant();
    await withTenant(db, t.id, (tx) => updateAiSettings(tx, t.id, { enabled: settings.enabled, monthlyTokenCap: settings.monthlyTokenCap ?? 200_000 }, {}, NOW));
    return t;
  }
  const read = (tenantId: string, ai: AiLayerConfig, text: string, state = atBudget()) =>
    withTenant(db, tenantId, (tx) => readWithAi({ ai }, tx, { tenantId, conversationId: null, utcOffsetMinutes: -180 }, defaultBantFlow, state, { kind: "text", text } as BotInput, NOW));
  const calls = async (tenantId: string) =>
    (await owner().query("select outcome, choice, purpose, input_tokens, output_tokens, prompt_version, model, provider, latency_ms from ai_calls where tenant_id = $1 order by created_at, id", [tenantId])).rows;

  it("accepts a confident choice backed by the lead's words, logs it and counts the month's usage", async () => {
    const t = await tenantWithAi({ enabled: true });
    standIn.script({ kind: "json", value: { choice: "opcao_2", confidence: 0.9, evidence: ["meio apertado"] } });
    const reading = await read(t.id, layer(model()), "tá meio apertado, uns trocados a mais que o básico");
    expect(reading).toEqual({ choice: { kind: "option", optionId: "1k_5k" }, confidence: 0.9, evidence: "meio apertado", model: "openai/stand-in-1" });
    const rows = await calls(t.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ outcome: "accepted", choice: "opcao_2", purpose: "classify", prompt_version: "classify-v1", provider: "openai", model: "stand-in-1" });
    expect(rows[0].input_tokens).toBeGreaterThan(0);
    const usage = (await owner().query("select month::text, calls, input_tokens::int + output_tokens::int as tokens from ai_usage_monthly where tenant_id = $1", [t.id])).rows;
    expect(usage).toEqual([{ month: "2026-06-01", calls: 1, tokens: rows[0].input_tokens + rows[0].output_tokens }]);
  });

  it("refuses low confidence, unknown ids, 'none' and evidence the lead never typed (the engine re-asks)", async () => {
    const t = await tenantWithAi({ enabled: true });
    const text = "sei lá, depende do mês";
    standIn.script(
      { kind: "json", value: { choice: "opcao_2", confidence: 0.6, evidence: ["depende"] } },
      { kind: "json", value: { choice: "opcao_9", confidence: 0.99, evidence: ["depende"] } },
      { kind: "json", value: { choice: "none", confidence: 0.9, evidence: [] } },
      { kind: "json", value: { choice: "opcao_1", confidence: 0.95, evidence: ["orçamento baixo"] } },
      // A command needs more certainty than an option: 0.8 passes for options, not for "parar".
      { kind: "json", value: { choice: "parar", confidence: 0.8, evidence: ["sei lá"] } },
    );
    for (let i = 0; i < 5; i++) expect(await read(t.id, layer(model()), text)).toBeUndefined();
    // Same clock for every call here, so compare as a set.
    expect((await calls(t.id)).map((r) => r.outcome).sort()).toEqual(["below_threshold", "below_threshold", "invalid_choice", "no_choice", "unsupported"]);
    // With the reading refused, the engine asks again, exactly as without AI.
    const r = runBot(defaultBantFlow, atBudget(), { kind: "text", text }, NOW);
    expect(r.reading?.invalid).toBe(true);
  });

  it("an intent above the margin is accepted as a command", async () => {
    const t = await tenantWithAi({ enabled: true });
    standIn.script({ kind: "json", value: { choice: "parar", confidence: 0.97, evidence: ["esqueçam meu contato"] } });
    const reading = await read(t.id, layer(model()), "prefiro que vocês esqueçam meu contato");
    expect(reading?.choice).toEqual({ kind: "intent", intent: "opt_out" });
    const r = runBot(defaultBantFlow, atBudget(), { kind: "text", text: "prefiro que vocês esqueçam meu contato", ai: reading! }, NOW);
    expect(r.effects.map((e) => e.kind)).toContain("opt_out");
  });

  it("timeouts, 429 and malformed JSON are logged and fall back to the rules silently", async () => {
    const t = await tenantWithAi({ enabled: true });
    standIn.script({ kind: "hang" }, { kind: "status", status: 429 }, { kind: "malformed" });
    for (let i = 0; i < 3; i++) expect(await read(t.id, layer(model(), { timeoutMs: 300 }), "hmm, complicado dizer")).toBeUndefined();
    const rows = await calls(t.id);
    expect(rows.map((r) => r.outcome).sort()).toEqual(["malformed", "rate_limited", "timeout"]);
    expect(rows.find((r) => r.outcome === "timeout").latency_ms).toBeGreaterThanOrEqual(290);
  });

  it("makes no call when the rules decide, when off, past the cap, when blocked by the operator or the kill switch", async () => {
    const before = standIn.calls.length;
    const on = await tenantWithAi({ enabled: true });
    expect(await read(on.id, layer(model()), "uns 3 mil por mês")).toBeUndefined();
    expect(await read(on.id, layer(model()), "quero falar com um atendente")).toBeUndefined();
    expect(await read(on.id, layer(model(), { killSwitch: true }), "hmm, complicado dizer")).toBeUndefined();
    expect(await read(on.id, layer(null), "hmm, complicado dizer")).toBeUndefined();
    const off = await tenantWithAi({ enabled: false });
    expect(await read(off.id, layer(model()), "hmm, complicado dizer")).toBeUndefined();
    const blocked = await tenantWithAi({ enabled: true });
    await setOperatorAiBlock(db, { tenantId: blocked.id, blocked: true, note: "abuso" }, {}, NOW);
    expect(await read(blocked.id, layer(model()), "hmm, complicado dizer")).toBeUndefined();
    expect(standIn.calls.length).toBe(before);
    // Under the cap one call goes out; it spends more than the cap, so the next one does not.
    const capped = await tenantWithAi({ enabled: true, monthlyTokenCap: 50 });
    standIn.script({ kind: "json", value: { choice: "none", confidence: 0.1, evidence: [] } });
    await read(capped.id, layer(model()), "hmm, complicado dizer");
    await read(capped.id, layer(model()), "hmm, complicado dizer");
    expect(standIn.calls.length).toBe(before + 1);
    expect((await owner().query("select action from audit_logs where tenant_id = $1 and action like 'platform.ai%'", [blocked.id])).rows).toEqual([{ action: "platform.ai_blocked" }]);
  });
});

describe("one conversation through the API inbox with the layer on", () => {
  it("reads a paraphrase with AI, survives a 429 with the rules, and writes an AI summary in the handoff note", async () => {
    const t = await createTenant();
    const inbox = (await owner().query("insert into inboxes (tenant_id, name, channel) values ($1, 'API', 'api') returning id", [t.id])).rows[0].id as string;
    await owner().query("insert into teams (tenant_id, name) values ($1, 'Vendas')", [t.id]);
    await withTenant(db, t.id, (tx) => updateAiSettings(tx, t.id, { enabled: true, monthlyTokenCap: 200_000 }, {}, NOW));
    const deps: AppDeps = {
      db,
      now: () => NOW,
      email: outboxSender(db),
      counters: memoryStore(),
      scheduler: localScheduler(db, "http://localhost:1"),
      whatsapp: cloudApiSender({ graphBaseUrl: "http://127.0.0.1:1", apiVersion: "v25.0" }),
      storage: diskStorage(path.join(tmpdir(), "vf-ai-layer-media")),
      payments: disabledPayments(),
      links: appLinks("localhost:1", "http"),
      webhooks: { post: async () => ({ status: 200 }) },
      encryptionKey: Buffer.alloc(32, 7).toString("base64"),
      tokenSecret: "x".repeat(40),
      platformWhatsApp: { accessToken: "", appSecret: "", verifyToken: "" },
      calendar: { open: () => { throw new Error("no calendar here"); } },
      domains: null,
      chat: { post: async () => { throw new Error("no Slack here"); }, identify: async () => { throw new Error("no Slack here"); }, respond: async () => { throw new Error("no Slack here"); } },
      helpdesk: { inbox: async () => { throw new Error("no Chatwoot here"); }, contact: async () => { throw new Error("no Chatwoot here"); }, openConversation: async () => { throw new Error("no Chatwoot here"); }, post: async () => { throw new Error("no Chatwoot here"); } },
      crm: { open: () => { throw new Error("no CRM here"); } },
      bot: { maxReminders: 2, defaultTimeoutSeconds: 600 },
      ai: layer(model()),
    };
    let n = 0;
    const say = (text: string) => postApiMessage(deps, { tenantId: t.id, inboxId: inbox }, { externalLeadId: "lead-ai-1", clientMessageId: String(++n), text });
    await say("oi");
    await say("Joana Prado");
    await say("pular");
    const before = standIn.calls.length;
    standIn.script({ kind: "json", value: { choice: "opcao_1", confidence: 0.91, evidence: ["coisa pequena"] } });
    const budget = await say("coisa pequena por enquanto");
    expect(budget.replies.map((r) => r.text).join("\n")).toContain("Você é responsável pela decisão de compra?");
    const sent = standIn.calls[before]!.promptText;
    expect(sent).not.toMatch(/Joana|Prado/);
    expect(sent).toContain('"""coisa pequena por enquanto"""');
    // Authority: the provider is rate limited; the rules cannot read it either, so the bot re-asks.
    standIn.script({ kind: "status", status: 429 });
    const authority = await say("a patroa aqui é complicada");
    expect(authority.replies.map((r) => r.text).join("\n")).toContain("Você é responsável pela decisão de compra?");
    standIn.script({ kind: "text", text: "Lead com orçamento pequeno, ainda sem decisor definido; pediu para falar com uma pessoa." });
    await say("quero falar com um atendente");

    const conv = (await owner().query("select c.id, c.status, c.bot_state from conversations c join leads l on l.id = c.lead_id where l.tenant_id = $1", [t.id])).rows[0];
    expect(conv.status).toBe("pending");
    expect(conv.bot_state.answers.budget).toMatchObject({ optionId: "lt_1k", score: 10, decision: { via: "ai", confidence: 0.91, model: "openai/stand-in-1" } });
    const note = (await owner().query("select text from messages where conversation_id = $1 and content_type = 'note'", [conv.id])).rows[0].text as string;
    expect(note).toContain("Resumo: Lead com orçamento pequeno, ainda sem decisor definido");
    expect(note).toMatch(/IA 91%/);
    const summaryPrompt = standIn.calls.at(-1)!.promptText;
    expect(summaryPrompt).not.toMatch(/Joana|Prado/);
    const outcomes = (await owner().query("select purpose || ':' || outcome as o from ai_calls where tenant_id = $1 order by 1", [t.id])).rows.map((r) => r.o);
    expect(outcomes).toEqual(["classify:accepted", "classify:rate_limited", "summary:summarized"]);
    expect((await owner().query("select calls from ai_usage_monthly where tenant_id = $1", [t.id])).rows).toEqual([{ calls: 3 }]);
  });

  it("without the layer the note keeps its template summary", async () => {
    const t = await createTenant();
    const explanation = { total: 10, items: [{ field: "budget" as const, stepId: "budget", points: 10, answer: "pouco", value: "Menos de R$ 1.000/mês", optionText: "Menos de R$ 1.000/mês", reason: "x" }] };
    expect(await withTenant(db, t.id, (tx) => aiHandoffSummary({ ai: layer(model()), now: () => NOW }, tx, t.id, null, explanation, "timeout"))).toBeNull();
  });
});

describe("settings through tRPC", () => {
  it("admins switch it and set the cap (audited); others cannot; bad caps get a pt-BR error; a tenant sees only its own calls", async () => {
    const a = await createTenant();
    const b = await createTenant();
    await withTenant(db, a.id, (tx) => updateAiSettings(tx, a.id, { enabled: true, monthlyTokenCap: 200_000 }, {}, NOW));
    standIn.script({ kind: "json", value: { choice: "opcao_1", confidence: 0.9, evidence: ["coisa pequena"] } });
    await withTenant(db, a.id, (tx) => readWithAi({ ai: layer(model()) }, tx, { tenantId: a.id, conversationId: null, utcOffsetMinutes: -180 }, defaultBantFlow, atBudget(), { kind: "text", text: "coisa pequena" }, NOW));

    const adminB = await b.loginAs("admin");
    const viewB = await adminB.trpc<{ enabled: boolean; calls: number; recent: unknown[]; available: boolean }>("query", "ai.overview");
    expect(viewB.error).toBeNull();
    expect(viewB.data).toMatchObject({ enabled: false, calls: 0, recent: [], available: false });
    const adminA = await a.loginAs("admin");
    const viewA = await adminA.trpc<{ enabled: boolean; recent: { outcome: string; choice: string }[] }>("query", "ai.overview");
    expect(viewA.data.enabled).toBe(true);
    expect(viewA.data.recent).toHaveLength(1);
    expect(viewA.data.recent[0]).toMatchObject({ outcome: "accepted", choice: "opcao_1" });

    expect((await adminB.trpc("mutation", "ai.update", { enabled: true, monthlyTokenCap: 5000 })).error).toBeNull();
    expect((await owner().query("select enabled, monthly_token_cap from ai_settings where tenant_id = $1", [b.id])).rows).toEqual([{ enabled: true, monthly_token_cap: 5000 }]);
    expect((await owner().query("select after from audit_logs where tenant_id = $1 and action = 'ai.settings_update'", [b.id])).rows[0].after).toEqual({ enabled: true, monthlyCap: 5000 });
    const bad = await adminB.trpc("mutation", "ai.update", { enabled: true, monthlyTokenCap: -1 });
    expect(bad.error?.data.code).toBe("BAD_REQUEST");
    expect(bad.error?.data.zodIssues?.[0]?.message).toBe("O limite não pode ser negativo.");
    const agent = await b.loginAs("agent");
    expect((await agent.trpc("mutation", "ai.update", { enabled: false, monthlyTokenCap: 1 })).error?.data.code).toBe("FORBIDDEN");
    expect((await agent.trpc("query", "ai.overview")).error?.data.code).toBe("FORBIDDEN");
    // A's calls stay A's: B's admin still sees none after its own update.
    expect((await adminB.trpc<{ recent: unknown[] }>("query", "ai.overview")).data.recent).toEqual([]);
  });
});

describe("the operator's kill switch through tRPC", () => {
  it("blocks and unblocks a tenant (audited with the operator), lists each tenant's state, and is refused to tenant users", async () => {
    const on = await createTenant();
    const off = await createTenant();
    await withTenant(db, on.id, (tx) => updateAiSettings(tx, on.id, { enabled: true, monthlyTokenCap: 1000 }, {}, NOW));
    const { client: root } = await loginOperator();
    const states = () => root.trpc<Record<string, string>>("query", "operator.aiStates", { tenantIds: [on.id, off.id] }).then((r) => r.data);
    expect(await states()).toEqual({ [on.id]: "on", [off.id]: "off" });
    expect((await root.trpc("mutation", "operator.setAiBlock", { tenantId: on.id, blocked: true, note: "custo" })).error).toBeNull();
    expect(await states()).toEqual({ [on.id]: "blocked", [off.id]: "off" });
    // The tenant's own switch is untouched; its settings page shows the block.
    const admin = await on.loginAs("admin");
    expect((await admin.trpc<{ enabled: boolean; operatorBlocked: boolean }>("query", "ai.overview")).data).toMatchObject({ enabled: true, operatorBlocked: true });
    expect((await root.trpc("mutation", "operator.setAiBlock", { tenantId: on.id, blocked: false })).error).toBeNull();
    expect(await states()).toEqual({ [on.id]: "on", [off.id]: "off" });
    const audit = await owner().query("select action, actor_operator_id from audit_logs where tenant_id = $1 and action like 'platform.ai%' order by created_at", [on.id]);
    expect(audit.rows.map((r) => r.action)).toEqual(["platform.ai_blocked", "platform.ai_unblocked"]);
    expect(audit.rows.every((r) => r.actor_operator_id)).toBe(true);
    expect((await root.trpc("mutation", "operator.setAiBlock", { tenantId: "00000000-0000-4000-8000-000000000000", blocked: true })).error?.data.code).toBe("NOT_FOUND");
    // Operator procedures do not exist on a tenant's host.
    expect((await admin.trpc("mutation", "operator.setAiBlock", { tenantId: on.id, blocked: true })).error?.data.code).toBe("NOT_FOUND");
    expect(await states()).toEqual({ [on.id]: "on", [off.id]: "off" });
  });
});
