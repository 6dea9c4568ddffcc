import { readNumber } from "./number-words";
import { amountTokens } from "./parse-amount";

// When a lead plans to act, in days from today: "semana que vem", "daqui uns 2 meses",
// "até o fim do mês", "lá pra março", "15/08". Timeline options are chosen by comparing these
// days with the horizon each option names ("Próximos 30 dias" → 30).

export interface Horizon {
  days: number;
  /** "mais de 6 meses" opens the horizon upwards. */
  open: boolean;
  evidence: string;
}

const MONTHS = ["janeiro", "fevereiro", "marco", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"];
const UNIT_DAYS: Record<string, number> = {
  dia: 1, dias: 1, semana: 7, semanas: 7, quinzena: 15, quinzenas: 15, mes: 30, meses: 30, bimestre: 60, trimestre: 91,
  trimestres: 91, semestre: 182, semestres: 182, ano: 365, anos: 365,
};
const WEEKDAYS = ["domingo", "segunda", "terca", "quarta", "quinta", "sexta", "sabado"];
const OPEN = /(?:^| )(?:mais de|acima de|depois de|apos|a partir de|passando de)$/;

const DAY = 86_400_000;

interface Today {
  y: number;
  m: number;
  d: number;
  weekday: number;
}

function todayIn(now: Date, utcOffsetMinutes: number): Today {
  const local = new Date(now.getTime() + utcOffsetMinutes * 60_000);
  return { y: local.getUTCFullYear(), m: local.getUTCMonth() + 1, d: local.getUTCDate(), weekday: local.getUTCDay() };
}

const daysUntil = (t: Today, y: number, m: number, d: number) =>
  Math.round((Date.UTC(y, m - 1, d) - Date.UTC(t.y, t.m - 1, t.d)) / DAY);

const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

interface Rule {
  re: RegExp;
  days: (m: RegExpExecArray, t: Today) => number | null;
}

// Calendar words, tried in order on the space-joined tokens.
const RULES: Rule[] = [
  { re: /\bdepois de amanha\b/, days: () => 2 },
  { re: /\b(?:hoje|amanha)\b/, days: (m) => (m[0] === "hoje" ? 0 : 1) },
  { re: /\b(?:essa|esta|nessa|nesta) semana\b/, days: (_, t) => Math.max(1, 6 - t.weekday) },
  { re: /\b(?:semana que vem|proxima semana|semana seguinte)\b/, days: () => 10 },
  // "fim do mês de agosto" names August, not this month.
  { re: new RegExp(String.raw`\b(?:fim|final|fins) (?:de|do|deste|desse) mes\b(?! de (?:${MONTHS.join("|")})\b)|\b(?:esse|este|nesse|neste) mes\b`), days: (_, t) => Math.max(1, lastDay(t.y, t.m) - t.d) },
  { re: /\b(?:mes que vem|proximo mes|mes seguinte|inicio do mes que vem|comeco do mes que vem)\b/, days: () => 30 },
  { re: /\b(?:fim|final) (?:de|do|deste|desse) ano\b|\b(?:esse|este) ano\b/, days: (_, t) => Math.max(1, daysUntil(t, t.y, 12, 31)) },
  { re: /\b(?:ano que vem|proximo ano|ano seguinte)\b/, days: (_, t) => daysUntil(t, t.y + 1, 1, 1) },
  { re: /\b(?:proximo|segundo) semestre\b|\bsemestre (?:que vem|seguinte)\b/, days: (_, t) => (t.m < 7 ? daysUntil(t, t.y, 7, 1) : daysUntil(t, t.y + 1, 1, 1)) },
  { re: /\bproximo trimestre\b|\btrimestre (?:que vem|seguinte)\b/, days: (_, t) => { const q = Math.floor((t.m - 1) / 3) + 1; return q === 4 ? daysUntil(t, t.y + 1, 1, 1) : daysUntil(t, t.y, q * 3 + 1, 1); } },
  {
    re: new RegExp(String.raw`\b(?:(fim|final|meados|inicio|comeco) (?:de |do mes de )?)?(${MONTHS.join("|")})\b`),
    days: (m, t) => {
      const month = MONTHS.indexOf(m[2]!) + 1;
      const y = month < t.m ? t.y + 1 : t.y;
      const day = m[1] === "fim" || m[1] === "final" ? lastDay(y, month) : m[1] === "meados" ? 15 : 1;
      if (month === t.m && (m[1] === undefined || m[1] === "inicio" || m[1] === "comeco")) return Math.max(1, lastDay(t.y, t.m) - t.d);
      return daysUntil(t, y, month, day);
    },
  },
  {
    re: /\b(\d{1,2}) (?:\/|-|de) ?(\d{1,2})\b/,
    days: (m, t) => {
      const d = Number(m[1]);
      const mo = Number(m[2]);
      if (mo < 1 || mo > 12 || d < 1 || d > lastDay(t.y, mo)) return null;
      const y = mo < t.m || (mo === t.m && d < t.d) ? t.y + 1 : t.y;
      return daysUntil(t, y, mo, d);
    },
  },
  {
    re: /\bdia (\d{1,2})\b/,
    days: (m, t) => {
      const d = Number(m[1]);
      if (d < 1 || d > 31) return null;
      return d >= t.d ? d - t.d : lastDay(t.y, t.m) - t.d + d;
    },
  },
  {
    re: new RegExp(String.raw`\b(?:(?:na|nesta|nessa|essa|esta|proxima) )?(${WEEKDAYS.join("|")})(?: feira)?\b`),
    days: (m, t) => {
      const w = WEEKDAYS.indexOf(m[1]!);
      return ((w - t.weekday + 7) % 7 || 7) + (m[0].startsWith("proxima") ? 7 : 0);
    },
  },
  { re: /\bfim de semana\b/, days: (_, t) => (6 - t.weekday + 7) % 7 || 7 },
];

/** "N unidades" spans: "daqui uns 2 meses", "em 15 dias", "dois meses", "meio ano". */
function counted(t: string[]): Horizon | null {
  for (let i = 0; i < t.length; i++) {
    let n: number | null = null;
    let end = i;
    if (t[i] === "meio" || t[i] === "meia") {
      n = 0.5;
      end = i + 1;
    } else {
      const run = readNumber(t, i);
      if (run && !run.multiplied) {
        n = run.value;
        end = run.end;
      }
    }
    const unit = t[end];
    if (n === null || unit === undefined || UNIT_DAYS[unit] === undefined) continue;
    const before = t.slice(Math.max(0, i - 3), i).join(" ");
    const open = OPEN.test(before);
    const start = open ? i - (OPEN.exec(before)![0].trim().split(" ").length) : i;
    return { days: Math.round(n * UNIT_DAYS[unit]!), open, evidence: t.slice(Math.max(0, start), end + 1).join(" ") };
  }
  return null;
}

/** Days from today to when the lead means, or null when the text names no time. */
export function parseHorizon(text: string, now: Date, utcOffsetMinutes: number): Horizon | null {
  const t = amountTokens(text).filter((w) => w !== "$");
  const span = counted(t);
  if (span) return span;
  const key = t.join(" ");
  const today = todayIn(now, utcOffsetMinutes);
  for (const rule of RULES) {
    const m = rule.re.exec(key);
    if (!m) continue;
    const days = rule.days(m, today);
    if (days !== null) return { days, open: false, evidence: m[0] };
  }
  return null;
}
