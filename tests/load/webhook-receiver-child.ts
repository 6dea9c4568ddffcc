// The webhook bench's receiver in its own process (forked by webhook-bench.ts, under the parent's
// tsx), so the bench can tell the app's CPU per delivery from the receiver's: the Standard Webhooks
// stand-in verifying every signature with the official library, counting what it accepted.
import { startWebhookReceiver } from "../stand-ins/webhook-receiver";

const secret = process.env.WEBHOOK_BENCH_SECRET ?? "";
const receiver = await startWebhookReceiver({ secret: () => secret, quiet: false });
process.send!({ url: receiver.url("/vendaflow") });
process.on("message", (m: string) => {
  if (m === "stats") {
    let valid = 0;
    for (const r of receiver.received) if (r.signatureValid) valid++;
    receiver.received.length = 0;
    process.send!({ count: receiver.count(), valid });
  } else if (m === "close") void receiver.close().then(() => process.exit(0));
});
