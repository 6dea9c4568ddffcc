import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { smtpSender } from "@vendaflow/connectors/smtp/smtp-sender";
import { tenantMail } from "@vendaflow/core/email/sender";
import { verifyEmailMail } from "@vendaflow/core/email/templates";
import { startSmtpStandIn } from "../stand-ins/smtp";

let smtp: Awaited<ReturnType<typeof startSmtpStandIn>>;
beforeAll(async () => {
  smtp = await startSmtpStandIn({ user: "mailer", pass: "s3cret" });
});
afterAll(() => smtp.close());

describe("SMTP email adapter", () => {
  it("delivers a tenant-themed pt-BR mail over SMTP with auth", async () => {
    const sender = smtpSender(`smtp://mailer:s3cret@127.0.0.1:${smtp.port}`, "Vendaflow <nao-responda@vendaflow.test>");
    const mail = verifyEmailMail({ name: "Acme", theme: { primaryColor: "#123456", logoUrl: "", botName: "B" } }, "Ana", "http://acme.localhost:3000/verify-email?token=abc");
    await sender.send(tenantMail({ id: "00000000-0000-4000-8000-000000000001", name: "Acme" }, "ana@example.com", mail));
    expect(smtp.received).toHaveLength(1);
    const m = smtp.received[0]!;
    expect(m.from).toBe("nao-responda@vendaflow.test");
    // White-label: the workspace's name is the sender a lead or an agent sees; the address is the platform's.
    expect(m.raw).toMatch(/^From: Acme <nao-responda@vendaflow\.test>\r?$/m);
    expect(m.to).toEqual(["ana@example.com"]);
    expect(m.raw).toMatch(/Subject: =\?UTF-8\?|Subject: Confirme/);
    expect(m.decoded).toContain("#123456");
    expect(m.decoded).toContain("http://acme.localhost:3000/verify-email?token=abc");
  });

  it("a mail with no workspace behind it keeps the configured sender", async () => {
    const sender = smtpSender(`smtp://mailer:s3cret@127.0.0.1:${smtp.port}`, "Vendaflow <nao-responda@vendaflow.test>");
    await sender.send({ to: "bia@example.com", subject: "s", html: "<p>h</p>", text: "t" });
    expect(smtp.received.find((r) => r.to.includes("bia@example.com"))!.raw).toMatch(/^From: Vendaflow <nao-responda@vendaflow\.test>\r?$/m);
  });

  it("surfaces a refused login as an error instead of losing the mail silently", async () => {
    const sender = smtpSender(`smtp://mailer:wrong@127.0.0.1:${smtp.port}`, "x@vendaflow.test");
    await expect(sender.send({ to: "a@example.com", subject: "s", html: "<p>h</p>", text: "t" })).rejects.toThrow(/Invalid|auth/i);
  });
});
