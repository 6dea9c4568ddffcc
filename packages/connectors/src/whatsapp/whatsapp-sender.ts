import type { WhatsAppSender, WhatsAppTarget } from "@vendaflow/core/ports/messaging";
import { createWhatsAppClient, exchangeSignupCode, PAIR_RATE_CODE, THROUGHPUT_CODE, WhatsAppApiError, type Addressee } from "./cloud-api-client";
import { concurrencyLimits, tokenBuckets } from "./token-bucket";

export interface WhatsAppSenderOptions {
  graphBaseUrl: string;
  apiVersion: string;
  /** First retry delay; Meta's own advice is seconds (tests shorten it). */
  retryBaseMs?: number;
  /** Attempts per message, the first included. */
  maxAttempts?: number;
}

/** Meta's pair rate: about one message every 6 s to the same user, bursts of up to 45. */
const PAIR = { ratePerSecond: 1 / 6, capacity: 45 } as const;
/** Clients kept per process (numbers × tokens); past it they are all dropped and made again. */
const MAX_CLIENTS = 1_000;
/** Pair buckets are swept when this many are held, so memory stays flat with many leads. */
const SWEEP_AT = 5_000;

/**
 * A bucket that keeps any one-second window at 90% of `rate` (network jitter bunches requests on
 * arrival): a burst of a tenth of the rate, refilled at eight tenths. A bucket of capacity = rate
 * would let twice the rate through in its first second.
 */
export function numberBucket(rate: number) {
  return { capacity: Math.max(1, Math.floor(rate / 10)), ratePerSecond: rate * 0.8 };
}

/** Requests in flight per number: slow answers must not let paced requests pile up and land together. */
const inFlightLimit = (rate: number) => Math.max(2, Math.ceil(rate / 4));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const jitter = (ms: number) => ms * (0.8 + Math.random() * 0.4);

/**
 * The Messaging port on the Cloud API. Each send waits for a token of its number's bucket (the
 * number's throughput) and of its number-and-lead pair's bucket, so a burst stays inside Meta's
 * limits instead of collecting 130429 / 131056; buckets are per key, so one tenant's burst never
 * delays another's number. If Meta still answers with a rate limit (another instance sent too),
 * the send is retried with backoff: 130429 after 1, 2, 4… × base, 131056 after 4^n × base
 * (Meta's advice), each retry queueing for tokens again; a number keeps at most a quarter of its
 * rate in flight, so slow answers do not make paced requests land together. Buckets live in this process: with N
 * instances the worst case is N × the rate for a moment, which the retries absorb.
 */
export function cloudApiSender(opts: WhatsAppSenderOptions): WhatsAppSender {
  const buckets = tokenBuckets();
  const limited = concurrencyLimits();
  const base = opts.retryBaseMs ?? 1_000;
  const attempts = opts.maxAttempts ?? 4;
  // One client per number and token: making one parses its URL and builds a dozen closures (~14 µs),
  // and every inbound message needs two (read receipt, reply). A new token is a new key.
  const clients = new Map<string, ReturnType<typeof createWhatsAppClient>>();
  const clientFor = (t: { phoneNumberId: string; accessToken: string }) => {
    const key = `${t.phoneNumberId}\n${t.accessToken}`;
    let client = clients.get(key);
    if (!client) {
      if (clients.size >= MAX_CLIENTS) clients.clear();
      client = createWhatsAppClient({ graphBaseUrl: opts.graphBaseUrl, apiVersion: opts.apiVersion, accessToken: t.accessToken, phoneNumberId: t.phoneNumberId });
      clients.set(key, client);
    }
    return client;
  };
  const numberToken = (t: { phoneNumberId: string; ratePerSecond: number }) => buckets.acquire(`n:${t.phoneNumberId}`, numberBucket(t.ratePerSecond));

  async function paced<T>(target: WhatsAppTarget, call: (to: Addressee) => Promise<T>): Promise<T> {
    const to: Addressee = "phone" in target.to ? { to: target.to.phone } : { recipient: target.to.userId };
    const pairKey = `p:${target.phoneNumberId}:${"to" in to ? to.to : to.recipient}`;
    if (buckets.size() > SWEEP_AT) buckets.sweep();
    for (let attempt = 1; ; attempt++) {
      await buckets.acquire(pairKey, PAIR);
      try {
        // The number's token is taken inside the in-flight slot, right before the request leaves:
        // taken before it, tokens paced while slots were full would all leave together when
        // slots free up (measured: 92 requests in one second at 80/s).
        return await limited(target.phoneNumberId, inFlightLimit(target.ratePerSecond), async () => {
          await numberToken(target);
          return call(to);
        });
      } catch (err) {
        const code = err instanceof WhatsAppApiError ? err.code : null;
        if (attempt >= attempts || (code !== THROUGHPUT_CODE && code !== PAIR_RATE_CODE)) throw err;
        await sleep(jitter(code === PAIR_RATE_CODE ? base * 4 ** (attempt - 1) : base * 2 ** (attempt - 1)));
      }
    }
  }

  return {
    async send(target, msg) {
      const client = clientFor(target);
      if (msg.kind === "media") {
        // The upload is not a message: only the send is paced.
        const mediaId = await client.uploadMedia(msg.body, msg.mimeType, msg.filename);
        return paced(target, (to) => client.sendMedia(to, msg.mediaType, mediaId, { caption: msg.caption, filename: msg.filename }));
      }
      return paced(target, (to) => {
        if (msg.kind === "text") return client.sendText(to, msg.text);
        if (msg.kind === "options") return client.sendOptions(to, msg.text, msg.options);
        if (msg.kind === "cta_url") return client.sendCtaUrl(to, msg.text, msg.buttonText, msg.url);
        if (msg.kind === "flow") return client.sendFlow(to, { bodyText: msg.text, flowId: msg.flowId, flowToken: msg.flowToken, cta: msg.cta, screen: msg.screen, data: msg.data });
        if (msg.kind === "auth_code") return client.sendAuthCode(to, msg.name, msg.language, msg.code);
        return client.sendTemplate(to, msg.name, msg.language, msg.params);
      });
    },
    async markRead(from, wamid, { typing }) {
      await numberToken(from);
      await clientFor(from).markRead(wamid, typing);
    },
    downloadMedia(from, mediaId, maxBytes) {
      return clientFor(from).downloadMedia(mediaId, maxBytes);
    },
    phoneNumber(from) {
      return clientFor(from).phoneNumberProfile();
    },
    listTemplates(from, wabaId) {
      return clientFor(from).listTemplates(wabaId);
    },
    wabaPhoneNumberIds(from, wabaId) {
      return clientFor(from).wabaPhoneNumberIds(wabaId);
    },
    exchangeSignupCode(app, code) {
      return exchangeSignupCode({ graphBaseUrl: opts.graphBaseUrl, apiVersion: opts.apiVersion, appId: app.appId, appSecret: app.appSecret, code });
    },
    subscribeApp(from, wabaId) {
      return clientFor({ phoneNumberId: "", accessToken: from.accessToken }).subscribeApp(wabaId);
    },
    registerNumber(from, pin) {
      return clientFor(from).registerNumber(pin);
    },
  };
}
