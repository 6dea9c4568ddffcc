import nodemailer from "nodemailer";
import type { EmailSender } from "@vendaflow/core/ports/email";

/** SMTP through nodemailer; url like smtp://user:pass@host:587 (smtps:// for implicit TLS). */
export function smtpSender(url: string, from: string): EmailSender {
  const transport = nodemailer.createTransport(url);
  return {
    kind: "smtp",
    async send(msg) {
      await transport.sendMail({ from, to: msg.to, subject: msg.subject, html: msg.html, text: msg.text });
    },
  };
}
