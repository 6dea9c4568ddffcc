import { describe, expect, it } from "vitest";
import { automationSlackMessage, escapeMrkdwn, leadStatusMessage, notificationMessage, pipelineMessage } from "./blocks";

type Block = { type: string; text?: { type: string; text: string }; fields?: { text: string }[]; elements?: { type: string; text: { text: string }; url: string; action_id: string }[] };
const blocksOf = (m: { blocks: Record<string, unknown>[] }) => m.blocks as unknown as Block[];
const button = (m: { blocks: Record<string, unknown>[] }) => blocksOf(m).find((b) => b.type === "actions")!.elements![0]!;
const allText = (m: { blocks: Record<string, unknown>[] }) => JSON.stringify(m.blocks);

describe("Slack Block Kit messages", () => {
  it("a deal won: header, title, BRL value and stage, and a Ver no CRM button to the record", () => {
    const m = notificationMessage({ event: "deal.won", facts: { title: "Plano anual", value_cents: 990000, stage: "Fechamento" }, data: {}, url: "https://acme.vendaflow.com.br/deals/d1" });
    expect(m.text).toBe("Negócio ganho: Plano anual (R$\u00a09.900,00)");
    const b = blocksOf(m);
    expect(b[0]).toEqual({ type: "header", text: { type: "plain_text", text: "🏆 Negócio ganho", emoji: true } });
    expect(b.map((x) => x.type)).toEqual(["header", "section", "section", "actions"]);
    expect(b[2]!.fields!.map((f) => f.text)).toEqual(["*Valor*\nR$\u00a09.900,00", "*Etapa*\nFechamento"]);
    expect(button(m)).toMatchObject({ type: "button", text: { text: "Ver no CRM" }, url: "https://acme.vendaflow.com.br/deals/d1", action_id: "open_in_crm" });
  });
  it("a qualified lead shows its contact and BANT score; empty fields are left out", () => {
    const m = notificationMessage({ event: "lead.qualified", facts: { name: "Mariana", email: "m@x.com.br", phone: null, company: "", source: "web", bant_score: 80 }, data: { bant_score: 85 }, url: "https://acme.example/leads/l1" });
    expect(m.text).toBe("Lead qualificado: Mariana (BANT 85)");
    const fields = blocksOf(m)[1]!.fields!.map((f) => f.text);
    expect(fields).toEqual(["*Nome*\nMariana", "*E-mail*\nm@x.com.br", "*Pontuação BANT*\n85", "*Origem*\nweb"]);
    expect(button(m).url).toBe("https://acme.example/leads/l1");
  });
  it("a handoff quotes the reason; lead-typed text is escaped so it cannot forge links or mentions", () => {
    const m = notificationMessage({ event: "conversation.handed_off", facts: { name: "<!channel> <https://mal.example|clique>" }, data: { reason: "Pediu humano & rápido" }, url: "https://acme.example/leads/l2" });
    expect(allText(m)).not.toContain("<!channel>");
    expect(m.text).toBe("Conversa transferida para a equipe: &lt;!channel&gt; &lt;https://mal.example|clique&gt;");
    expect(allText(m)).not.toContain("<https://mal.example");
    expect(blocksOf(m)[1]!.text!.text).toContain("&lt;!channel&gt;");
    expect(blocksOf(m)[1]!.text!.text).toContain(">Pediu humano &amp; rápido");
    expect(escapeMrkdwn("a < b > c & d")).toBe("a &lt; b &gt; c &amp; d");
  });
  it("an automation's message: the admin's text escaped, the automation named, the record's button", () => {
    const m = automationSlackMessage("Parabéns <!here> & obrigado", "Ganhos", "Plano anual", "https://a.example/deals/d1");
    expect(m.text).toBe("Parabéns &lt;!here&gt; &amp; obrigado");
    expect(blocksOf(m).map((b) => b.type)).toEqual(["section", "context", "actions"]);
    expect(button(m).url).toBe("https://a.example/deals/d1");
  });
  it("cuts text to Block Kit's limits (header 150, field 2000)", () => {
    const m = notificationMessage({ event: "deal.won", facts: { title: "x".repeat(5000), value_cents: 1, stage: "y".repeat(5000) }, data: {}, url: "https://a.example/deals/1" });
    const b = blocksOf(m);
    expect(b[1]!.text!.text.length).toBeLessThanOrEqual(3000);
    for (const f of b[2]!.fields!) expect(f.text.length).toBeLessThanOrEqual(2000);
    const lead = leadStatusMessage("q", { id: "1", name: "n".repeat(400), email: null, phone: null, stage: "new", score: 1, bant_score: null, conversation: null, openDeals: 0, url: "https://a.example/leads/1" });
    expect(blocksOf(lead)[0]!.text!.text.length).toBeLessThanOrEqual(150);
  });
  it("/lead-status: found (ephemeral, with the record button) and not found", () => {
    const found = leadStatusMessage("m@x.com.br", { id: "l1", name: "Mariana", email: "m@x.com.br", phone: "+5511999990000", stage: "qualified", score: 70, bant_score: 80, conversation: "pending", openDeals: 2, url: "https://a.example/leads/l1" });
    expect(found.responseType).toBe("ephemeral");
    expect(allText(found)).toContain("*Negócios abertos*\\n2");
    expect(button(found).url).toBe("https://a.example/leads/l1");
    const missing = leadStatusMessage("<nada>", null);
    expect(missing).toMatchObject({ responseType: "ephemeral", text: "Nenhum lead encontrado para &lt;nada&gt;." });
    expect(allText(missing)).toContain("&lt;nada&gt;");
  });
  it("/pipeline: totals and stages per pipeline, under 50 blocks", () => {
    const m = pipelineMessage(
      [
        { pipeline: "Vendas", stage: "Proposta", count: 2, valueCents: 150000 },
        { pipeline: "Vendas", stage: "Negociação", count: 1, valueCents: 50000 },
        ...Array.from({ length: 100 }, (_, i) => ({ pipeline: `P${i}`, stage: "S", count: 0, valueCents: 0 })),
      ],
      "https://a.example/deals",
    );
    expect(m.text).toBe("Funil: 3 negócios abertos, R$\u00a02.000,00");
    expect(m.blocks.length).toBeLessThanOrEqual(50);
    expect(blocksOf(m)[2]!.text!.text).toBe("*Vendas*\n• Proposta: 2 (R$\u00a01.500,00)\n• Negociação: 1 (R$\u00a0500,00)");
  });
});
