// What precompiling saves: Node CPU per message for the 8 precompiled statements a new WhatsApp
// sender's first message sends (packages/db/src/precompiled.ts), built and compiled each time (what
// the code did before; `.build`) against filled into the shape compiled once. In-process, no database: the
// app's dialect and plugins only compile. Alternating blocks so neither side gets a warmer JIT.
// Runs in a child process with the check off (PRECOMPILED_CHECK=0), as the app runs in production.
import { fork } from "node:child_process";
import { randomUUID } from "node:crypto";
import { Kysely } from "kysely";
import pg from "pg";
import { ledgerRow } from "@vendaflow/core/billing/record-bot-message";
import { botReplies } from "@vendaflow/core/conversations/apply-bot";
import { storeMessage, type StoredMessageValues } from "@vendaflow/core/conversations/inbound";
import { botStep } from "@vendaflow/core/conversations/process";
import { processedMark } from "@vendaflow/core/conversations/processed-mark";
import { eventWithSender, leadWithConversation } from "@vendaflow/core/conversations/sender-lookup";
import { scoreWrite } from "@vendaflow/core/crm/lead-score/recompute";
import { QueryStatsPlugin } from "@vendaflow/db/query-stats";
import { TenantBindingDialect } from "@vendaflow/db/tenant-binding";
import type { DB } from "@vendaflow/db/types";
import { fmt } from "./stats";

function messageValues(i: number) {
  const tenantId = randomUUID();
  const at = new Date();
  const waId = `5511987${String(i % 1e6).padStart(6, "0")}`;
  const event = { tenant_id: tenantId, inbox_id: randomUUID(), provider: "whatsapp" as const, provider_event_id: `wamid.${randomUUID()}`, kind: "message" as const, payload: JSON.stringify({ input: { kind: "text", text: "oi" } }) };
  const lead = { tenant_id: tenantId, source: "whatsapp" as const, wa_id: waId, phone: `+${waId}`, wa_user_id: `BR.${i}`, wa_parent_user_id: null, wa_username: null, name: "Lia Prado" };
  const stored: StoredMessageValues = { conversationId: randomUUID(), eventId: randomUUID(), leadId: randomUUID(), tenantId, at, campaign: undefined, adSource: false, contentType: "text", text: "oi", payload: JSON.stringify({ eventId: event.provider_event_id }), providerMessageId: event.provider_event_id, existingConversationId: null };
  const conversationId = stored.conversationId;
  const step = { botState: JSON.stringify({ stepId: "budget", revision: 1, answers: {} }), botRevision: 1, currentStep: "budget", status: "bot", handoffReason: undefined, lastMessageAt: at, now: at, conversationId };
  return {
    event: { ...event, userId: `BR.${i}`, waId, parentUserId: undefined },
    lead: { ...lead, inboxId: event.inbox_id, flowId: randomUUID(), at },
    stored,
    step,
    mark: { eventId: stored.eventId, now: at },
    ledger: { tenantId, period: "2026-12", eventId: stored.eventId, occurredAt: at },
    // The greeting and the first question, as the probe's flow answers a first message.
    replies: { tenantId, conversationId, now: at, delivered: false, id0: randomUUID(), text0: "Olá! Sou a assistente da Benchmark.", payload0: "{}", id1: randomUUID(), text1: "Qual é o orçamento previsto?", payload1: JSON.stringify({ stepId: "budget", options: ["Até R$ 5 mil", "Mais de R$ 5 mil"] }) },
    score: { score: 5, facts: JSON.stringify([{ kind: "engagement", points: 5 }]), leadId: stored.leadId },
  };
}

function measure(iterations = 3000, blocks = 4): string[] {
  const pool = new pg.Pool({ connectionString: "postgres://nobody@127.0.0.1:1/none" });
  const db = new Kysely<DB>({ dialect: new TenantBindingDialect({ pool }), plugins: [new QueryStatsPlugin()] });
  const inputs = Array.from({ length: iterations }, (_, i) => messageValues(i));
  const built = () => {
    for (const v of inputs) {
      eventWithSender.build(db, v.event).compile();
      leadWithConversation.build(db, v.lead).compile();
      storeMessage.build(db, v.stored).compile();
      botStep.build(db, v.step).compile();
      processedMark.build(db, v.mark).compile();
      ledgerRow.build(db, v.ledger).compile();
      scoreWrite.build(db, v.score).compile();
      botReplies.build(db, v.replies, { replies: 2 }).compile();
    }
  };
  const filled = () => {
    for (const v of inputs) {
      eventWithSender(db, v.event).compile();
      leadWithConversation(db, v.lead).compile();
      storeMessage(db, v.stored).compile();
      botStep(db, v.step).compile();
      processedMark(db, v.mark).compile();
      ledgerRow(db, v.ledger).compile();
      scoreWrite(db, v.score).compile();
      botReplies(db, v.replies, { replies: 2 }).compile();
    }
  };
  const time = (fn: () => void) => {
    const t0 = process.cpuUsage();
    fn();
    const t = process.cpuUsage(t0);
    return (t.user + t.system) / iterations;
  };
  built();
  filled();
  const us = { built: 0, filled: 0 };
  for (let b = 0; b < blocks; b++) {
    us.built += time(built) / blocks;
    us.filled += time(filled) / blocks;
  }
  void pool.end();
  return [`statement building per new sender's first message (its 8 precompiled statements, ${iterations} messages × ${blocks} blocks, CPU): built and compiled each time ${fmt(us.built, 1)} µs, precompiled ${fmt(us.filled, 1)} µs (${fmt(us.built / us.filled, 1)}× less, ${fmt(us.built - us.filled, 0)} µs saved per message)`];
}

/** The bench's lines, measured in a child process with the check off. */
export function precompiledBench(): Promise<string[]> {
  return new Promise((resolve) => {
    const child = fork(new URL(import.meta.url), [], { env: { ...process.env, PRECOMPILED_CHECK: "0" }, stdio: ["ignore", "pipe", "inherit", "ipc"] });
    let out = "";
    child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
    child.on("exit", (code) => resolve(code === 0 ? out.trim().split("\n") : [`statement building: unavailable (exit ${code})`]));
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.env.PRECOMPILED_CHECK !== "0") console.error("precompiled-bench: run with PRECOMPILED_CHECK=0 (or through precompiledBench) to time what production runs");
  for (const l of measure()) console.log(l);
}
