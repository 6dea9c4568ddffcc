/** Client message id (8–64 chars): randomUUID where available (secure contexts), else random hex. */
export function clientMessageId(): string {
  const c = globalThis.crypto as Crypto | undefined;
  if (c && typeof c.randomUUID === "function") return c.randomUUID();
  let out = "";
  if (c?.getRandomValues) for (const b of c.getRandomValues(new Uint8Array(16))) out += (b + 256).toString(16).slice(1);
  else while (out.length < 32) out += Math.random().toString(16).slice(2);
  return out.slice(0, 32);
}
