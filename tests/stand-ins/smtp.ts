import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  /** The message with quoted-printable soft breaks and escapes undone (enough to read links). */
  decoded: string;
}

const decodeQuotedPrintable = (s: string) =>
  s.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));

/** A real SMTP server (smtp-server) on a free port that keeps what it receives. */
export async function startSmtpStandIn(opts: { user?: string; pass?: string; refuseRecipients?: boolean } = {}) {
  const received: ReceivedMail[] = [];
  /** While set, RCPT TO is answered 451 (greylisting, a full queue): try again later. */
  let busy = false;
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ["STARTTLS"],
    authOptional: !opts.user,
    onAuth(auth, _session, cb) {
      if (auth.username === opts.user && auth.password === opts.pass) return cb(null, { user: auth.username });
      return cb(new Error("Invalid username or password"));
    },
    // A mailbox that does not exist: RCPT TO answered 550, as a real server would.
    onRcptTo(_address, _session, cb) {
      if (opts.refuseRecipients) return cb(Object.assign(new Error("5.1.1 mailbox unavailable"), { responseCode: 550 }));
      if (busy) return cb(Object.assign(new Error("4.7.1 try again later"), { responseCode: 451 }));
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          decoded: decodeQuotedPrintable(raw),
        });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, received, setBusy: (on: boolean) => void (busy = on), close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
