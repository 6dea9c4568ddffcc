import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startGraphStandIn, type GraphStandIn } from "../../../../tests/stand-ins/graph-api";
import { createWhatsAppClient, truncate, WhatsAppApiError, type SendOption } from "./cloud-api-client";

const TOKEN = "EAAtest";
const PHONE_ID = "106540352242922";
const LEAD = { to: "5511987654321" };

let graph: GraphStandIn;
let client: ReturnType<typeof createWhatsAppClient>;

beforeAll(async () => {
  graph = await startGraphStandIn({ accessToken: TOKEN });
  client = createWhatsAppClient({ graphBaseUrl: graph.baseUrl, accessToken: TOKEN, phoneNumberId: PHONE_ID });
});
afterAll(() => graph.close());
beforeEach(() => {
  graph.requests.length = 0;
});

const envelope = { messaging_product: "whatsapp", recipient_type: "individual", to: LEAD.to };

function options(n: number): SendOption[] {
  return Array.from({ length: n }, (_, i) => ({ id: `o${i + 1}`, label: `Opção ${i + 1}`, text: `Texto completo da opção ${i + 1}` }));
}

async function lastBody() {
  const request = graph.requests.at(-1);
  expect(request?.path).toBe(`/v25.0/${PHONE_ID}/messages`);
  expect(request?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  expect(request?.headers["content-type"]).toBe("application/json");
  return request?.body;
}

describe("createWhatsAppClient", () => {
  it("sends text and returns Meta's wamid", async () => {
    const { wamid } = await client.sendText(LEAD, "Olá! Qual é o seu nome?");
    expect(wamid).toMatch(/^wamid\./);
    expect(await lastBody()).toEqual({ ...envelope, type: "text", text: { body: "Olá! Qual é o seu nome?" } });
  });

  it("sends 2 options as reply buttons titled by label", async () => {
    await client.sendOptions(LEAD, "Você decide a compra?", options(2));
    expect(await lastBody()).toEqual({
      ...envelope,
      type: "interactive",
      interactive: {
        type: "button",
        body: { text: "Você decide a compra?" },
        action: {
          buttons: [
            { type: "reply", reply: { id: "o1", title: "Opção 1" } },
            { type: "reply", reply: { id: "o2", title: "Opção 2" } },
          ],
        },
      },
    });
  });

  it("sends a booking offer as one CTA URL button (interactive cta_url)", async () => {
    await client.sendCtaUrl(LEAD, "Escolha o melhor horário para conversar com nosso time", "Escolher horário", "https://calendly.com/vendas/demo?name=Ana&utm_content=l1");
    expect(await lastBody()).toEqual({
      ...envelope,
      type: "interactive",
      interactive: {
        type: "cta_url",
        body: { text: "Escolha o melhor horário para conversar com nosso time" },
        action: { name: "cta_url", parameters: { display_text: "Escolher horário", url: "https://calendly.com/vendas/demo?name=Ana&utm_content=l1" } },
      },
    });
  });

  it("sends a WhatsApp Flow (interactive flow, navigate) that the stand-in accepts only for a published Flow and its declared screen data", async () => {
    const screen = { id: "QUALIFICACAO", terminal: true, data: { q_0_question: { type: "string", __example__: "Nome?" } }, layout: { type: "SingleColumnLayout", children: [{ type: "TextInput", name: "q_0", label: "Sua resposta" }, { type: "Footer", label: "Enviar", "on-click-action": { name: "complete", payload: { name: "${form.q_0}" } } }] } };
    const flowId = graph.addFlow("1234567890", { version: "7.0", screens: [screen] });
    const flow = { bodyText: "Qual é o seu nome?", flowId, flowToken: "vf1.conv.mac", cta: "Responder agora mesmo!", screen: "QUALIFICACAO", data: { q_0_question: "Qual é o seu nome?" } };
    await client.sendFlow(LEAD, flow);
    expect(await lastBody()).toEqual({
      ...envelope,
      type: "interactive",
      interactive: {
        type: "flow",
        body: { text: "Qual é o seu nome?" },
        action: {
          name: "flow",
          parameters: { flow_message_version: "3", flow_token: "vf1.conv.mac", flow_id: flowId, flow_cta: "Responder agora mes…", flow_action: "navigate", flow_action_payload: { screen: "QUALIFICACAO", data: { q_0_question: "Qual é o seu nome?" } } },
        },
      },
    });
    // Meta refuses an unknown Flow and data the screen does not declare.
    await expect(client.sendFlow(LEAD, { ...flow, flowId: "999" })).rejects.toMatchObject({ code: 131009 });
    await expect(client.sendFlow(LEAD, { ...flow, data: { other: 1 } })).rejects.toMatchObject({ code: 131009 });
  });

  it("sends 5 options as a list with the full text as description", async () => {
    await client.sendOptions(LEAD, "Qual o orçamento?", options(5));
    expect(await lastBody()).toEqual({
      ...envelope,
      type: "interactive",
      interactive: {
        type: "list",
        body: { text: "Qual o orçamento?" },
        action: {
          button: "Ver opções",
          sections: [
            {
              rows: [1, 2, 3, 4, 5].map((i) => ({ id: `o${i}`, title: `Opção ${i}`, description: `Texto completo da opção ${i}` })),
            },
          ],
        },
      },
    });
  });

  it("sends 12 options as numbered text", async () => {
    await client.sendOptions(LEAD, "Qual o segmento?", options(12));
    const numbered = Array.from({ length: 12 }, (_, i) => `${i + 1}. Texto completo da opção ${i + 1}`).join("\n");
    expect(await lastBody()).toEqual({ ...envelope, type: "text", text: { body: `Qual o segmento?\n\n${numbered}` } });
  });

  it("sends a template with body parameters", async () => {
    await client.sendTemplate(LEAD, "retomar_conversa", "pt_BR", ["Ana", "Acme"]);
    expect(await lastBody()).toEqual({
      ...envelope,
      type: "template",
      template: {
        name: "retomar_conversa",
        language: { code: "pt_BR" },
        components: [{ type: "body", parameters: [{ type: "text", text: "Ana" }, { type: "text", text: "Acme" }] }],
      },
    });
  });

  it("sends an authentication template with the code in the body and the copy-code button", async () => {
    await client.sendAuthCode(LEAD, "codigo_verificacao", "pt_BR", "042917");
    expect(await lastBody()).toEqual({
      ...envelope,
      type: "template",
      template: {
        name: "codigo_verificacao",
        language: { code: "pt_BR" },
        components: [
          { type: "body", parameters: [{ type: "text", text: "042917" }] },
          { type: "button", sub_type: "url", index: "0", parameters: [{ type: "text", text: "042917" }] },
        ],
      },
    });
  });

  it("truncates titles, row titles and descriptions to Meta's limits", async () => {
    await client.sendButtons(LEAD, "Q?", [{ id: "a", title: "Um rótulo bem mais longo que vinte" }]);
    const buttons = (await lastBody()) as { interactive: { action: { buttons: { reply: { title: string } }[] } } };
    expect(buttons.interactive.action.buttons[0]?.reply.title).toBe("Um rótulo bem mais…");

    await client.sendList(LEAD, "Q?", "Escolher", [{ id: "a", title: "x".repeat(30), description: "y".repeat(80) }]);
    const list = (await lastBody()) as { interactive: { action: { sections: { rows: { title: string; description: string }[] }[] } } };
    const row = list.interactive.action.sections[0]?.rows[0];
    expect(row?.title).toBe(`${"x".repeat(23)}…`);
    expect(row?.description).toBe(`${"y".repeat(71)}…`);
    expect(Array.from(truncate("👍".repeat(25), 20))).toHaveLength(20);
  });

  it("rejects more buttons or rows than Meta allows before calling the API", async () => {
    await expect(client.sendButtons(LEAD, "Q?", options(4).map((o) => ({ id: o.id, title: o.label })))).rejects.toThrow(RangeError);
    await expect(client.sendList(LEAD, "Q?", "Ver", options(11).map((o) => ({ id: o.id, title: o.label })))).rejects.toThrow(RangeError);
    expect(graph.requests).toHaveLength(0);
  });

  it("maps a closed window to WhatsAppApiError 131047, while templates still go through", async () => {
    const lead = "5511900000001";
    graph.closeWindowFor(lead);
    const error = await client.sendText({ to: lead }, "Oi de novo").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WhatsAppApiError);
    expect(error).toMatchObject({ status: 400, code: 131047, title: "Re-engagement message", isOutsideWindow: true });
    expect((error as WhatsAppApiError).details).toMatch(/24 hours/);
    await expect(client.sendTemplate({ to: lead }, "retomar_conversa", "pt_BR", [])).resolves.toHaveProperty("wamid");
  });

  it("maps failNext and bad credentials to WhatsAppApiError", async () => {
    graph.failNext(130429, 429);
    await expect(client.sendText(LEAD, "x")).rejects.toMatchObject({ status: 429, code: 130429, title: "Rate limit hit" });
    await expect(client.sendText(LEAD, "x")).resolves.toHaveProperty("wamid");

    const wrong = createWhatsAppClient({ graphBaseUrl: graph.baseUrl, accessToken: "nope", phoneNumberId: PHONE_ID });
    await expect(wrong.sendText(LEAD, "x")).rejects.toMatchObject({ status: 401, code: 190 });
    expect(graph.requests.map((r) => r.headers.authorization)).toEqual([`Bearer ${TOKEN}`, `Bearer ${TOKEN}`, "Bearer nope"]);
  });

  it("keeps requests in arrival order and can wait for one", async () => {
    const waiting = graph.waitFor((r) => (r.body as { to?: string }).to === "5511000000009", 2_000);
    await client.sendText({ to: "5511000000008" }, "a");
    await client.sendText({ to: "5511000000009" }, "b");
    expect((await waiting).body).toMatchObject({ text: { body: "b" } });
    expect(graph.requests.map((r) => (r.body as { to: string }).to)).toEqual(["5511000000008", "5511000000009"]);
    await expect(graph.waitFor(() => false, 50)).rejects.toThrow(/no matching request/);
  });

  it("reuses one kept-alive connection for consecutive sends and read receipts", async () => {
    const sockets = new Set<unknown>();
    const server = await listen((req, res) => {
      sockets.add(req.socket);
      req.resume().on("end", () => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ messages: [{ id: "wamid.k" }], success: true })));
    });
    try {
      const c = createWhatsAppClient({ graphBaseUrl: base(server), accessToken: TOKEN, phoneNumberId: PHONE_ID });
      await c.markRead("wamid.in", true);
      await c.sendText(LEAD, "a");
      await c.sendText(LEAD, "b");
      expect(sockets.size).toBe(1);
    } finally {
      await shut(server);
    }
  });

  it("gives up after timeoutMs with a TimeoutError when the Graph API does not answer", async () => {
    const server = await listen(() => {});
    try {
      const c = createWhatsAppClient({ graphBaseUrl: base(server), accessToken: TOKEN, phoneNumberId: PHONE_ID, timeoutMs: 150 });
      const started = Date.now();
      await expect(c.sendText(LEAD, "x")).rejects.toMatchObject({ name: "TimeoutError", message: "WhatsApp API: no answer within 150 ms" });
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      await shut(server);
    }
  });

  it("refuses an answer past 1 MiB and names an unreachable Graph API", async () => {
    const server = await listen((req, res) => req.resume().on("end", () => res.writeHead(200).end("x".repeat(2 * 1024 * 1024))));
    const url = base(server);
    try {
      const c = createWhatsAppClient({ graphBaseUrl: url, accessToken: TOKEN, phoneNumberId: PHONE_ID });
      await expect(c.sendText(LEAD, "x")).rejects.toThrow(/response over 1048576 bytes/);
    } finally {
      await shut(server);
    }
    const gone = createWhatsAppClient({ graphBaseUrl: url, accessToken: TOKEN, phoneNumberId: PHONE_ID });
    const error = await gone.sendText(LEAD, "x").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/^WhatsApp API unreachable: .*ECONNREFUSED/);
    expect((error as Error & { cause?: { code?: string } }).cause?.code).toBe("ECONNREFUSED");
  });
});

function listen(handler: Parameters<typeof createServer>[1]): Promise<Server> {
  const server = createServer(handler);
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}
const base = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const shut = (server: Server) =>
  new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
