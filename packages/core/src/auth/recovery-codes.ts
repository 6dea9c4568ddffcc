import { createHash, randomInt } from "node:crypto";

/** Letters and digits that cannot be misread for each other (no 0/o, 1/l/i). */
const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
export const RECOVERY_CODE_COUNT = 10;
/** Below this many unused codes, the profile asks the user to make a new set. */
export const RECOVERY_CODES_LOW = 3;

/** One code: 10 characters (~49 bits) as `xxxxx-xxxxx`, readable aloud and on paper. */
function recoveryCode(): string {
  let s = "";
  for (let i = 0; i < 10; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return `${s.slice(0, 5)}-${s.slice(5)}`;
}

export const generateRecoveryCodes = (n = RECOVERY_CODE_COUNT) => Array.from({ length: n }, recoveryCode);

/** What the user typed, as stored: lower case, without spaces or hyphens. */
export const normaliseRecoveryCode = (typed: string) => typed.toLowerCase().replace(/[\s-]/g, "");

/** Whether a typed second factor is a recovery code (else it is an app's 6-digit code). */
export const isRecoveryCode = (typed: string) => new RegExp(`^[${ALPHABET}]{10}$`).test(normaliseRecoveryCode(typed));

/** Only this is stored: the codes are random enough that a fast hash does not make them guessable. */
export const hashRecoveryCode = (typed: string) => createHash("sha256").update(normaliseRecoveryCode(typed)).digest("hex");
