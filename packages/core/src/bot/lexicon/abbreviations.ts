// How leads type on WhatsApp → the word the rules know. Keys and values are normalize()'d
// (lowercase, no accents). A value may be several words.
export const ABBREVIATIONS: Record<string, string> = {
  vc: "voce", vcs: "voces", voc: "voce", ce: "voce", oce: "voce",
  pq: "porque", pqe: "porque", porq: "porque", prq: "porque",
  tb: "tambem", tbm: "tambem", tmb: "tambem", tamem: "tambem",
  q: "que", oq: "o que", qq: "qualquer", qlq: "qualquer",
  n: "nao", nn: "nao", naum: "nao", nops: "nao", nope: "nao", ñ: "nao",
  ss: "sim", sss: "sim", siim: "sim", aham: "sim", uhum: "sim", ahan: "sim", yes: "sim",
  hj: "hoje", hje: "hoje", amn: "amanha", amnh: "amanha", amanh: "amanha",
  td: "tudo", tds: "todos", mt: "muito", mto: "muito", mta: "muita", mtos: "muitos", mtas: "muitas",
  qdo: "quando", qnd: "quando", qndo: "quando", qd: "quando", qto: "quanto", qt: "quanto",
  cmg: "comigo", ctz: "certeza", dps: "depois", dpois: "depois", agr: "agora", aq: "aqui",
  p: "para", pra: "para", pro: "para o", pras: "para as", pros: "para os", prum: "para um", pruma: "para uma",
  blz: "beleza", vlw: "valeu", obg: "obrigado", obgd: "obrigado", obgda: "obrigada", brigado: "obrigado",
  msg: "mensagem", msgs: "mensagens", ngm: "ninguem", alg: "alguem", algm: "alguem", nd: "nada", nda: "nada",
  eh: "e", ta: "esta", tah: "esta", to: "estou", tou: "estou", tamo: "estamos", tamos: "estamos",
  sla: "sei la", tlg: "ta ligado", fds: "fim de semana", whats: "whatsapp", zap: "whatsapp",
  wpp: "whatsapp", zapzap: "whatsapp", info: "informacao", infos: "informacoes",
  prox: "proximo", proxs: "proximos", min: "minimo", max: "maximo", aprox: "aproximadamente",
  mes: "mes", meses: "meses", sem: "sem", semana: "semana",
  cel: "celular", tel: "telefone", ent: "entao", entt: "entao", tava: "estava",
  vdd: "verdade", msm: "mesmo", pfv: "por favor", pf: "por favor", plz: "por favor",
  dnv: "de novo", denovo: "de novo", qm: "quem", cm: "com", cmo: "como", tdo: "tudo", bjs: "", abs: "",
  hrs: "horas", hr: "hora", h: "horas", vo: "vou", vamo: "vamos", bora: "vamos",
};

// Emoji that carry an answer; any other pictograph is dropped.
export const EMOJI_WORDS: Record<string, string> = {
  "👍": "sim", "👌": "sim", "✅": "sim", "✔": "sim", "☑": "sim", "🙋": "sou eu", "🙋‍♂️": "sou eu", "🙋‍♀️": "sou eu",
  "👎": "nao", "❌": "nao", "🚫": "nao", "🔥": "urgente", "🚀": "urgente", "⏰": "urgente",
};
