import { load } from "../dom";

/** localStorage, tolerant of browsers/iframes where it throws. */
export { load };

export function save(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {}
}

export function drop(key: string): void {
  try {
    localStorage.removeItem(key);
  } catch {}
}

/** Where a visitor's token lives, so a returning visitor gets their history back. */
export const tokenKey = (publicKey: string): string => `vendaflow:${publicKey}`;

/** The visitor's unsent messages (outbox.ts), kept with the token they were written under. */
export const outboxKey = (publicKey: string): string => `vendaflow:${publicKey}:unsent`;
