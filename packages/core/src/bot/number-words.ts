import { HUNDREDS, MULTIPLIERS, TENS, UNITS } from "./lexicon/number-words";

// Reads a number written in words, digits or both, the way Brazilians write amounts:
// "dois mil e quinhentos", "2 mil e 500", "mil e duzentos", "7.500,00", "2,5 mil", "3k", "1kk".

/** "7.500,00" → 7500, "2,5" → 2.5, "1,000" → 1000, "7.5" → 7.5. */
export function parseBrazilianNumber(digits: string): number | null {
  if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(digits)) return Number(digits.replace(/\./g, "").replace(",", "."));
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(digits)) return Number(digits.replace(/,/g, ""));
  if (/^\d+,\d+$/.test(digits)) return Number(digits.replace(",", "."));
  if (/^\d+(\.\d+)?$/.test(digits)) return Number(digits);
  return null;
}

export interface NumberRun {
  value: number;
  /** Index just past the last token used. */
  end: number;
  /** A "mil", "k", "milhão"… was part of it. */
  multiplied: boolean;
}

function wordValue(t: string): number | undefined {
  return UNITS[t] ?? TENS[t] ?? HUNDREDS[t];
}

/** Order of magnitude of a word group so that "vinte e cinco" joins but "dois e quatro" does not. */
const order = (n: number) => (n >= 100 ? 100 : n >= 20 ? 10 : 1);

/**
 * A number starting at tokens[i] (tokens are normalize()'d words and digit groups), or null.
 * "e" joins only what Portuguese joins: a smaller order inside a group ("cento e vinte") or a
 * group after a multiplier ("dois mil e quinhentos"), never two equal orders ("2 e 4 mil" is a range).
 */
export function readNumber(t: string[], i: number): NumberRun | null {
  let total = 0;
  let group = 0;
  let groupOrder = Infinity;
  let any = false;
  let digitsInGroup = false;
  let multiplied = false;
  let lastMultiplier = Infinity;
  // Index of an "e" that joined a group after a multiplier ("dois mil e quinhentos").
  let joinedAt = -1;
  let j = i;
  for (; j < t.length; j++) {
    const tok = t[j]!;
    if (/^\d/.test(tok)) {
      const n = parseBrazilianNumber(tok);
      if (n === null || digitsInGroup || (any && group > 0)) break;
      if (any && n >= lastMultiplier) break;
      group += n;
      groupOrder = 1;
      digitsInGroup = true;
      any = true;
      continue;
    }
    const w = wordValue(tok);
    if (w !== undefined) {
      if (digitsInGroup || order(w) >= groupOrder || (any && group === 0 && w >= lastMultiplier)) break;
      group += w;
      groupOrder = order(w);
      any = true;
      continue;
    }
    if (tok === "meio" || tok === "meia") {
      // "meio milhão"; "mil e meio" (= 1.5 mil)
      const next = t[j + 1];
      if (!any && next && MULTIPLIERS[next]) {
        group = 0.5;
        any = true;
        continue;
      }
      if (any && group === 0 && lastMultiplier < Infinity) {
        total += 0.5 * lastMultiplier;
        j++;
      }
      break;
    }
    const m = MULTIPLIERS[tok];
    if (m !== undefined) {
      if (m >= lastMultiplier) {
        // "2 mil e 4 mil": that "e" separated two amounts (a range), it did not add to the first.
        if (joinedAt >= 0 && group > 0) {
          group = 0;
          j = joinedAt;
        }
        break;
      }
      // A bare "mil" counts as one thousand; "mi"/"k" need a number before them.
      if (!any && tok !== "mil" && tok !== "milhao") break;
      total += (any ? group : 1) * m;
      group = 0;
      groupOrder = Infinity;
      digitsInGroup = false;
      lastMultiplier = m;
      multiplied = true;
      joinedAt = -1;
      any = true;
      continue;
    }
    if (tok === "e" && any) {
      const next = t[j + 1];
      if (next === undefined) break;
      const nv = /^\d/.test(next) ? parseBrazilianNumber(next) : (wordValue(next) ?? (next === "meio" || next === "meia" ? 0 : undefined));
      if (nv === null || nv === undefined) break;
      const joins = group === 0 ? lastMultiplier < Infinity && nv < lastMultiplier : !digitsInGroup && !/^\d/.test(next) && order(nv) < groupOrder;
      if (!joins) break;
      if (group === 0) joinedAt = j;
      continue;
    }
    break;
  }
  if (!any) return null;
  // Trailing "e" is not part of the number.
  while (j > i && t[j - 1] === "e") j--;
  return { value: total + group, end: j, multiplied };
}
