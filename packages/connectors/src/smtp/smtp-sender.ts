import nodemailer from "nodemailer";
import type { EmailSender } from "@vendaflow/core/ports/email";

/**
 * How long a send may wait on the server, in ms. nodemailer's own defaults (2 min to connect, 30 s
 * for the greeting, 10 min of silence) outlast a function's 30 s: a hung server would take the
 * request down with it instead of failing with ETIMEDOUT, which the app's sender retries later
 * (core/email/retry.ts).
 */
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000, dnsTimeout: 10_000 };

/**
 * SMTP through nodemailer; url like smtp://user:pass@host:587 (smtps:// for implicit TLS). The
 * timeouts go as the URL's query options (nodemailer reads options from the URL alone when given
 * one); the operator's own in SMTP_URL win.
 */
export function smtpSender(url: string, from: string, timeouts: Partial<typeof TIMEOUTS> = {}): EmailSender {
  const withTimeouts = new URL(url);
  for (const [key, ms] of Object.entries({ ...TIMEOUTS, ...timeouts })) if (!withTimeouts.searchParams.has(key)) withTimeouts.searchParams.set(key, String(ms));
  const transport = nodemailer.createTransport(withTimeouts.toString());
  // "Vendaflow <nao-responda@x>" or a bare address: a mail's own fromName replaces the name only.
  const fromAddress = /<([^>]+)>\s*$/.exec(from)?.[1] ?? from.trim();
  return {
    kind: "smtp",
    async send(msg) {
      await transport.sendMail({ from: msg.fromName ? { name: msg.fromName, address: fromAddress } : from, to: msg.to, subject: msg.subject, html: msg.html, text: msg.text });
    },
  };
}
