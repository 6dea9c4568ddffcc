import { decisionViaLabels } from "@vendaflow/validators/decision-via-labels";

// pt-BR strings for how the bot reads answers: the score explanation, the simulator's "decided
// by" line and the per-option synonyms in the flow editor.
export const bot = {
  via: decisionViaLabels,
  explanation: {
    title: "Como a pontuação foi calculada",
    hint: "Cada resposta, como o assistente a leu e quantos pontos valeu (LGPD, art. 20).",
    answered: "Resposta do lead",
    outOf: (max: number) => `de ${max}`,
    sumDiffers: (sum: number) => `Soma das respostas até aqui: ${sum} pontos (a pontuação do lead é gravada ao fim da qualificação).`,
    why: "Por quê?",
  },
  simulator: {
    decidedBy: "Decidido por",
    intent: { opt_out: "pedido para sair", human: "pedido de atendimento humano", restart: "recomeçar", help: "ajuda" } as Record<string, string>,
    invalid: "não entendeu: pergunta repetida",
    frustration: (signal: string) => `sinal de frustração (${signal}): ofereceu atendimento humano`,
    confidence: (c: number) => `confiança ${Math.round(c * 100)}%`,
    option: (id: string) => `opção ${id}`,
    points: (n: number) => `${n >= 0 ? "+" : ""}${n} pts`,
  },
  synonyms: {
    label: "Sinônimos",
    hint: "Outras formas de o lead dizer esta opção, separadas por vírgula. Acentos e maiúsculas não importam; plurais e pequenos erros de digitação também são entendidos.",
    placeholder: "ex.: eu que assino, quem decide sou eu",
    count: (n: number) => (n === 1 ? "1 sinônimo" : `${n} sinônimos`),
  },
};
