import { normalize } from "./normalize";

// Reads amounts the way Brazilian leads type them: "uns 3 mil por mês", "R$ 7.500,00", "2,5 mil",
// "10k", "1,2 mi", "entre 1 e 5 mil". Used by budget (band) steps and number steps.

const MULTIPLIERS: Record<string, number> = { k: 1e3, mil: 1e3, mi: 1e6, milhao: 1e6, milhoes: 1e6 };

const WORD_NUMBERS: Record<string, number> = {
  um: 1, uma: 1, dois: 2, duas: 2, tres: 3, quatro: 4, cinco: 5, seis: 6, sete: 7, oito: 8, nove: 9, dez: 10,
  quinze: 15, vinte: 20, trinta: 30, quarenta: 40, cinquenta: 50, cem: 100, duzentos: 200, trezentos: 300,
  quinhentos: 500, meio: 0.5,
};

const WORDS = Object.keys(WORD_NUMBERS).join("|");
// digits [mult] | number-word mult | bare "mil"/"milhão"
const TOKEN = new RegExp(
  String.raw`(\d(?:[\d.,]*\d)?)\s*(milhoes|milhao|mil|mi|k)?(?![a-z\d])` +
    String.raw`|\b(${WORDS})\s+(milhoes|milhao|mil)\b` +
    String.raw`|\b(milhao|mil)\b`,
  "g",
);

const RANGE_JOINERS = new Set(["e", "a", "ate", "-", "ou", "~"]);

interface Amount {
  base: number;
  multiplier?: number;
  start: number;
  end: number;
}

/** "7.500,00" → 7500, "2,5" → 2.5, "1,000" → 1000, "7.5" → 7.5. */
export function parseBrazilianNumber(digits: string): number | null {
  if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(digits)) return Number(digits.replace(/\./g, "").replace(",", "."));
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(digits)) return Number(digits.replace(/,/g, ""));
  if (/^\d+,\d+$/.test(digits)) return Number(digits.replace(",", "."));
  if (/^\d+(\.\d+)?$/.test(digits)) return Number(digits);
  return null;
}

function amounts(text: string): Amount[] {
  const found: Amount[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const start = m.index;
    const end = start + m[0].length;
    if (m[1] !== undefined) {
      const base = parseBrazilianNumber(m[1]);
      if (base !== null) found.push({ base, multiplier: m[2] ? MULTIPLIERS[m[2]] : undefined, start, end });
    } else if (m[3] !== undefined && m[4] !== undefined) {
      found.push({ base: WORD_NUMBERS[m[3]] ?? 1, multiplier: MULTIPLIERS[m[4]], start, end });
    } else if (m[5] !== undefined) {
      found.push({ base: 1, multiplier: MULTIPLIERS[m[5]], start, end });
    }
  }
  return found;
}

const round = (n: number) => Math.round(n * 100) / 100;

/** Monthly amount in reais, or null when the text holds no number. A range gives its midpoint. */
export function parseBudget(text: string): number | null {
  const clean = normalize(text).replace(/r\$/g, " ");
  const [first, second] = amounts(clean);
  if (!first) return null;

  let value = first.base * (first.multiplier ?? 1);
  if (second && RANGE_JOINERS.has(clean.slice(first.end, second.start).trim())) {
    // "entre 1 e 5 mil": the unit written once applies to both ends (but not "entre 800 e 2 mil").
    const firstMultiplier = first.multiplier ?? (first.base <= second.base ? second.multiplier : undefined) ?? 1;
    value = (first.base * firstMultiplier + second.base * (second.multiplier ?? 1)) / 2;
  }

  const yearly = /\b(ano|anual|anuais)\b/.test(clean) && !/\b(mes|mensal|mensais)\b/.test(clean);
  return round(yearly ? value / 12 : value);
}
