import { ABBREVIATIONS } from "./lexicon/abbreviations";
import { CURRENCY_WORDS, MULTIPLIERS, NON_MONEY_UNITS } from "./lexicon/number-words";
import { normalize } from "./normalize";
import { readNumber, type NumberRun } from "./number-words";
import { squeeze, wordsForEmoji } from "./tokens";

// Amounts the way Brazilian leads type them, with what surrounds the number: qualifiers
// ("menos de 5 mil", "no máximo 2 mil", "a partir de 8 mil", "10k+"), ranges ("entre 2 e 4 mil"),
// number words ("dois mil e quinhentos") and the period ("30 mil por ano" is 2.500 a month).

export type AmountBound = "exact" | "approx" | "upper" | "lower" | "range";
export type AmountPeriod = "month" | "year" | "week" | "quarter" | "semester";

export interface Amount {
  /** Monthly reais as stated: the bound for "até"/"acima de", the midpoint of a range. */
  value: number;
  bound: AmountBound;
  /** Range ends (monthly), when bound is "range". */
  low?: number;
  high?: number;
  /** Period the lead named; "month" when none. */
  period: AmountPeriod;
  /** The words that produced the amount. */
  evidence: string;
}

const PER_MONTH: Record<AmountPeriod, number> = { month: 1, year: 1 / 12, week: 52 / 12, quarter: 1 / 3, semester: 1 / 6 };

const UPPER = /(?:^| )(?:ate|no maximo|maximo|max|menos de|menos que|abaixo de|inferior a|nao passa de|nao passa|nao chega a|nem chega a|quase|teto de|limite de|<)$/;
const LOWER = /(?:^| )(?:acima de|mais de|mais que|superior a|passa de|a partir de|apartir de|partindo de|pelo menos|no minimo|minimo|min|>|\+)$/;
const APPROX = /(?:^| )(?:uns|umas|cerca de|aproximadamente|mais ou menos|por volta de|em torno de|tipo|perto de|na faixa de|faixa de|media de|em media)$/;
const AFTER_LOWER = /^(?:pra cima|para cima|ou mais|\+|no minimo|pelo menos|acima|pra mais)(?: |$)/;
const AFTER_UPPER = /^(?:pra baixo|para baixo|ou menos|no maximo|no max)(?: |$)/;
const QUALIFIERS: [AmountBound, RegExp, RegExp | null][] = [["approx", APPROX, null], ["upper", UPPER, AFTER_UPPER], ["lower", LOWER, AFTER_LOWER]];
const JOINERS = new Set(["e", "a", "ate", "-", "ou", "~"]);
const NO_BUDGET = /(?:^| )(?:zero|nada|nenhum|nenhuma|sem (?:orcamento|verba|dinheiro|grana)|nao (?:tenho|temos|ha|tem) (?:orcamento|verba|dinheiro|grana)|nao (?:tenho|temos) nada)(?: |$)/;

/** Words (abbreviations expanded), digit groups and the symbols that matter for money; "3k" → "3 k", "r$" → "$". */
export function amountTokens(text: string): string[] {
  const clean = normalize(wordsForEmoji(text)).replace(/r\s*\$/g, " $ ");
  return (clean.match(/\d+(?:[.,]\d+)*|[a-z]+|[$+<>~/%-]/g) ?? []).flatMap((t) => {
    if (!/^[a-z]+$/.test(t)) return [t];
    const w = squeeze(t);
    const expanded = ABBREVIATIONS[w];
    return expanded === undefined ? [w] : expanded ? expanded.split(" ") : [];
  });
}

const isCurrency = (t: string | undefined) => t === "$" || (t !== undefined && CURRENCY_WORDS.has(t));

function periodOf(t: string[], from: number, to: number): AmountPeriod | null {
  const seg = ` ${t.slice(from, to).join(" ")} `;
  if (/ (?:por|ao|no|\/|p|o) mes | mensal | mensais | mensalmente | mes /.test(seg)) return "month";
  if (/ (?:por|ao|no|pro|para o|\/|p|o|esse|este) ano (?!que |passado )| anual | anuais | anualmente /.test(seg)) return "year";
  if (/ (?:por|na|\/|p) semana | semanal | semanais /.test(seg)) return "week";
  if (/ (?:por|no|\/) trimestre | trimestral /.test(seg)) return "quarter";
  if (/ (?:por|no|\/) semestre | semestral /.test(seg)) return "semester";
  return null;
}

interface Found extends NumberRun {
  start: number;
  money: boolean;
}

function numbersIn(t: string[]): Found[] {
  const found: Found[] = [];
  for (let i = 0; i < t.length; ) {
    const run = readNumber(t, i);
    if (!run) {
      i++;
      continue;
    }
    // "10kg", "5 funcionários", "30%": a count, not money.
    const unit = t[run.end];
    const counted = unit !== undefined && (NON_MONEY_UNITS.has(unit) || unit === "%");
    // "um orçamento" is an article, but "entre um e dois mil" starts a range.
    const startsRange = JOINERS.has(t[run.end] ?? "") && readNumber(t, run.end + 1) !== null;
    const article = !run.multiplied && /^(?:um|uma)$/.test(t[i]!) && run.end === i + 1 && !startsRange;
    if (!counted && !article) {
      const money = run.multiplied || isCurrency(t[i - 1]) || isCurrency(t[run.end]) || run.value >= 100;
      found.push({ ...run, start: i, money });
    }
    i = Math.max(run.end, i + 1);
  }
  return found;
}

/** Largest multiplier in a run ("5 mil" → 1000), to share with the other end of a range. */
function scaleOf(t: string[], n: Found): number {
  let scale = 1;
  for (let k = n.start; k < n.end; k++) scale = Math.max(scale, MULTIPLIERS[t[k]!] ?? 1);
  return scale;
}

const round = (n: number) => Math.round(n * 100) / 100;

// A Brazilian phone number and nothing else ("11 98765-4321", "(21) 3456-7890", "+55 11987654321"):
// a lead who types their number at the budget question gave no amount, though its digit groups read
// as a range in the hundreds of thousands (which once qualified such a lead as "> R$ 10 mil").
const PHONE_ONLY = /^(?:\+?55[\s.-]*)?\(?0?\d{2}\)?[\s.-]*9?[\s.]*\d{4}[\s.-]?\d{4}$/;

/** The amount in the text, or null when it holds none. */
export function parseAmount(text: string): Amount | null {
  if (PHONE_ONLY.test(text.trim())) return null;
  const t = amountTokens(text);
  const nums = numbersIn(t);
  if (!nums.length) {
    const key = t.join(" ");
    const none = NO_BUDGET.exec(key);
    return none ? { value: 0, bound: "exact", period: "month", evidence: none[0].trim() } : null;
  }
  const joined = (x: Found, y: Found) => {
    const between = t.slice(x.end, y.start).filter((w) => !isCurrency(w));
    return between.length === 1 && JOINERS.has(between[0]!);
  };
  let idx = Math.max(0, nums.findIndex((n) => n.money));
  // "de 5 a 10 mil": the range starts at the bare number before the money one.
  if (idx > 0 && joined(nums[idx - 1]!, nums[idx]!)) idx--;
  const a = nums[idx]!;
  const prevEnd = idx > 0 ? nums[idx - 1]!.end : 0;
  const beforeTokens = t.slice(Math.max(prevEnd, a.start - 4), a.start).filter((x) => !isCurrency(x));
  const before = beforeTokens.join(" ");

  let low = a.value;
  let high: number | undefined;
  let end = a.end;
  const b = nums[idx + 1];
  if (b && joined(a, b)) {
    // "entre 1 e 5 mil": the unit written once applies to both ends (but not "entre 800 e 2 mil").
    const shared = a.multiplied ? a.value : a.value * scaleOf(t, b);
    low = shared <= b.value ? shared : a.value;
    high = b.value;
    end = b.end;
  }

  let periodEnd = end;
  while (periodEnd < t.length && periodEnd < end + 4 && !/^\d/.test(t[periodEnd]!)) periodEnd++;
  const period = periodOf(t, end, periodEnd) ?? periodOf(t, 0, t.length) ?? "month";
  const perMonth = PER_MONTH[period];
  const after = t.slice(end, end + 3).filter((x) => !isCurrency(x)).join(" ");

  let bound: AmountBound = high !== undefined ? "range" : "exact";
  let prefix = "";
  let suffix = "";
  if (bound === "exact") {
    for (const [kind, pre, post] of QUALIFIERS) {
      const m = pre.exec(before);
      const n = m ? null : post?.exec(after);
      if (!m && !n) continue;
      bound = kind;
      prefix = m?.[0].trim() ?? "";
      suffix = n?.[0].trim() ?? "";
      break;
    }
  } else if (/(?:^| )(?:entre|de)$/.test(before)) prefix = before.split(" ").pop()!;
  const local = periodOf(t, end, periodEnd) ? t.slice(end, periodEnd).filter((x) => !isCurrency(x) && x !== suffix).join(" ") : "";
  const evidence = [prefix, t.slice(a.start, end).join(" "), suffix, local].filter(Boolean).join(" ");
  if (high !== undefined) {
    return { value: round(((low + high) / 2) * perMonth), bound, low: round(low * perMonth), high: round(high * perMonth), period, evidence };
  }
  return { value: round(low * perMonth), bound, period, evidence };
}

/** The point of an amount used to pick a band: just inside its bound, the middle of a range. */
export function bandPoint(amount: Amount): number {
  if (amount.bound === "upper") return amount.value - 0.01;
  if (amount.bound === "lower") return amount.value + 0.01;
  return amount.value;
}
