import type { EvalCase } from "../case";

// Signals that the lead is losing patience: the bot offers a person (once) and still reads the answer.
export const frustrationCases: EvalCase[] = [
  { step: "budget", text: "JÁ FALEI, 3 MIL", expect: { option: "1k_5k" }, frustrated: true },
  { step: "authority", text: "sou eu porra", expect: { option: "decision_maker" }, frustrated: true },
  { step: "authority", text: "já respondi isso!!!", expect: { invalid: true }, frustrated: true },
  { step: "timeline", text: "URGENTE!!!", expect: { option: "immediately" }, frustrated: true },
  { step: "need", text: "que saco, vendas!!!", expect: { keywords: ["vendas"] }, frustrated: true },
  { step: "budget", text: "aff, uns 2k", expect: { option: "1k_5k" }, frustrated: true },
  { step: "email", text: "JA MANDEI O EMAIL", expect: { invalid: true }, frustrated: true },
  { step: "authority", text: "vc não entende nada, sou o dono", expect: { option: "decision_maker" }, frustrated: true },
  { step: "timeline", text: "de novo? já disse, mês que vem", expect: { option: "30_days" }, frustrated: true },
  { step: "budget", text: "pqp que demora, 5 mil", expect: { option: "5k_10k" }, frustrated: true },
  { step: "authority", text: "QUE PERGUNTA CHATA, SIM", expect: { option: "decision_maker" }, frustrated: true },
  { step: "timeline", text: "😡 imediatamente", expect: { option: "immediately" }, frustrated: true },
  { step: "authority", text: "Sim!", expect: { option: "decision_maker" } },
  { step: "budget", text: "5 mil!", expect: { option: "5k_10k" } },
  { step: "timeline", text: "Imediatamente!!", expect: { option: "immediately" } },
  { step: "name", text: "ANA", expect: { name: "ANA" } },
];
