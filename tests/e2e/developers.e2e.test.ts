import { describe, expect, it } from "vitest";
import { createVendaflowClient, isVendaflowError } from "@vendaflow/sdk/client";
import { API_KEY_PATTERN } from "@vendaflow/validators/api-keys";
import { env } from "../support/fixtures";
import { hostFetch } from "../support/host-fetch";
import { signedIn } from "../support/signed-in";
import { e2eSuite } from "../support/e2e-suite";
import { startWebhookReceiver } from "../stand-ins/webhook-receiver";

// The developers page in Chromium: an admin creates an API key (the secret shown once, then only
// its prefix), the SDK calls the running app with it, the admin revokes it and the same call is
// refused; a webhook subscription to a local receiver (OUTBOUND_ALLOW_HOSTS=127.0.0.1 in the test
// app) gets a signed delivery that the delivery log shows, "Reenviar" sends it again, and its
// signing secret is shown again and rotated.
// Agents have no such page.

const { browser, tenant, extra } = e2eSuite();
let secret: string | null = null;
const receiver = extra(() => startWebhookReceiver({ secret: () => secret }));

const codeOf = async (p: Promise<unknown>) => {
  const err = await p.then(() => null, (e: unknown) => e);
  return isVendaflowError(err) ? err.data?.code : `not an API error: ${String(err)}`;
};

describe("Developers page in Chromium", () => {
  it("admin creates an API key, the SDK uses it, revoking it in the UI refuses the next call; a webhook delivery shows in the log", async () => {
    const base = `http://${tenant().host}`;
    const ctx = await browser().newContext();
    const page = await ctx.newPage();
    await signedIn(page, base, tenant().users.admin, "/");
    await page.getByRole("link", { name: "Desenvolvedores" }).click();
    await page.waitForURL(`${base}/developers`);
    await page.getByText("Nenhuma chave de API ainda.").waitFor();

    // Create a key: name + deals read/write; the whole key is shown once.
    await page.getByTestId("new-api-key").click();
    const form = page.getByTestId("api-key-form");
    await form.getByLabel("Nome").fill("Integração ERP");
    await form.getByLabel("Negócios, funis e atividades: Leitura").check();
    await form.getByLabel("Negócios, funis e atividades: Escrita").check();
    await form.getByRole("button", { name: "Criar chave" }).click();
    const secretField = page.getByTestId("api-key-secret");
    await secretField.waitFor();
    const key = await secretField.inputValue();
    expect(key).toMatch(API_KEY_PATTERN);
    await page.getByText("Esta é a única vez que a chave completa aparece").waitFor();
    await page.getByRole("button", { name: "Já copiei a chave" }).click();
    const row = page.locator('[data-testid="api-key-row"][data-name="Integração ERP"]');
    await row.waitFor();
    expect(await row.getByTestId("api-key-prefix").textContent()).toBe(`${key.slice(0, 16)}…`);
    expect(await page.content()).not.toContain(key.slice(17));

    // The SDK against the running app: a typed call succeeds.
    const client = createVendaflowClient({ baseUrl: base, apiKey: key, fetch: hostFetch(env().port, tenant().host), maxRetries: 0 });
    const pipelines = await client.crm.pipelines.list.query();
    expect(pipelines.length).toBeGreaterThan(0);
    const deal = await client.crm.deals.create.mutate({ title: "Pedido via API", valueCents: 120000, pipelineId: pipelines[0]!.id });
    expect(deal.id).toBeTruthy();

    // Revoke it in the UI (a confirmation dialog, not window.confirm): the same call is refused.
    await row.getByRole("button", { name: "Revogar a chave Integração ERP" }).click();
    const confirm = page.getByRole("alertdialog");
    await confirm.getByText("deixa de funcionar imediatamente").waitFor();
    await confirm.getByRole("button", { name: "Revogar" }).click();
    await page.locator('[data-testid="api-key-row"][data-name="Integração ERP"][data-revoked="true"]').waitFor();
    expect(await codeOf(client.crm.pipelines.list.query())).toBe("UNAUTHORIZED");

    // A webhook subscription pointing to the local receiver.
    await page.getByTestId("new-webhook").click();
    const hookForm = page.getByTestId("webhook-form");
    await hookForm.getByLabel("URL de destino").fill(receiver().url("/vendaflow"));
    await hookForm.getByLabel("Descrição").fill("Receptor do teste");
    await hookForm.getByLabel("Negócio ganho").check();
    await hookForm.getByRole("button", { name: "Salvar webhook" }).click();
    const hookSecret = page.getByTestId("webhook-secret");
    await hookSecret.waitFor();
    secret = await hookSecret.inputValue();
    expect(secret).toMatch(/^whsec_/);
    await page.getByRole("button", { name: "Fechar" }).first().click();
    const hook = page.locator(`[data-testid="webhook"][data-url="${receiver().url("/vendaflow")}"]`);
    await hook.waitFor();

    // An event: the deal is won (the admin's session, as the dashboard would).
    const won = await page.evaluate(async (id) => (await fetch("/api/trpc/crm.deals.win", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ json: { id } }) })).status, deal.id);
    expect(won).toBe(200);
    await expect.poll(() => receiver().received.filter((r) => (r.payload as { type?: string }).type === "deal.won").length, { timeout: 20_000 }).toBe(1);
    const delivered = receiver().received.find((r) => (r.payload as { type?: string }).type === "deal.won")!;
    expect(delivered.signatureValid).toBe(true);

    // The delivery log shows it (event, 200, latency, attempt), and "Reenviar" sends the same message again.
    await hook.getByRole("button", { name: "Entregas" }).click();
    const delivery = hook.locator('[data-testid="delivery-row"][data-event="deal.won"]');
    await expect.poll(() => delivery.getAttribute("data-status"), { timeout: 15_000 }).toBe("succeeded");
    expect(await delivery.getAttribute("data-code")).toBe("200");
    await expect.poll(async () => (await delivery.textContent()) ?? "").toContain(delivered.id);
    await delivery.getByRole("button", { name: `Reenviar a entrega ${delivered.id}` }).click();
    await expect.poll(() => receiver().received.filter((r) => r.id === delivered.id).length, { timeout: 20_000 }).toBe(2);

    // The signing secret is readable again and can be rotated (after a confirmation).
    await hook.getByRole("button", { name: "Segredo de assinatura" }).click();
    const shown = page.getByTestId("webhook-secret");
    await expect.poll(() => shown.inputValue()).toBe(secret);
    await page.getByRole("button", { name: "Gerar novo segredo" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Gerar novo segredo" }).click();
    await expect.poll(() => shown.inputValue()).not.toBe(secret);
    expect(await shown.inputValue()).toMatch(/^whsec_/);
    // The previous secret signs for 24 h more, until revoked.
    const overlap = page.getByText(/O segredo anterior ainda assina as entregas até/);
    await overlap.waitFor();
    await page.getByRole("button", { name: "Revogar o anterior agora" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Revogar o anterior agora" }).click();
    await page.getByText("Segredo anterior revogado.").waitFor();
    expect(await overlap.count()).toBe(0);
    await ctx.close();

    // Agents have no developers page.
    const agentCtx = await browser().newContext();
    const ap = await agentCtx.newPage();
    await signedIn(ap, base, tenant().users.agent, "/");
    expect(await ap.getByRole("link", { name: "Desenvolvedores" }).count()).toBe(0);
    await ap.goto(`${base}/developers`);
    await ap.getByText("Sem acesso a esta página").waitFor();
    expect(await ap.getByRole("button", { name: "Nova chave" }).count()).toBe(0);
    await agentCtx.close();
  });
});
