import type { FlowStep } from "@vendaflow/validators/flow";

// Fixed pt-BR texts of the bot; flow-specific texts (questions, thank-yous) live in the flow.

/** A handoff the lead did not ask for: the team takes over. */
const teamTakesOver = "Vou deixar seu atendimento com nossa equipe, que vai falar com você em breve.";

export const messages = {
  greetName: (name: string) => `Prazer, ${name.split(" ")[0]}!`,
  help:
    'Estou fazendo algumas perguntas rápidas para entender como podemos te ajudar. Você pode responder com o número ' +
    'da opção ou escrever a resposta. Se preferir, digite "humano" para falar com alguém da equipe, "recomeçar" para ' +
    'começar de novo ou "parar" para não receber mais mensagens.',
  restart: "Tudo bem, vamos recomeçar.",
  optOut: "Pronto, você não vai mais receber mensagens automáticas. Obrigado pelo seu tempo!",
  offerHuman: 'Desculpe se não estou sendo claro 🙏 Se preferir, posso chamar alguém da nossa equipe: é só responder "humano".',
  humanRequested: "Certo! Vou chamar alguém da nossa equipe para continuar com você.",
  tooManyInvalid: "Acho que não estou conseguindo entender. Vou chamar alguém da nossa equipe para te ajudar.",
  timeoutHandoff: teamTakesOver,
  /** Billing stopped the bot (quota past its grace, account read-only): a new lead goes to the team (conversations/process.ts handToHumans). */
  billingHandoff: teamTakesOver,
  timeoutClose: "Vou encerrar por aqui. Quando quiser continuar, é só mandar uma mensagem.",
  reminder: "Ainda está por aí? 🙂",
  media: "Por enquanto só consigo entender mensagens de texto. Pode responder por escrito?",
  /** Under the first question when the inbox sends the qualification as a WhatsApp Flow form. */
  flowFormHint: (cta: string) => `Toque em "${cta}" para responder tudo de uma vez, ou responda aqui mesmo.`,
  flowError: "Tive um problema para continuar. Vou chamar alguém da nossa equipe para te ajudar.",
  /**
   * After a handoff outside business hours, so the lead does not wait at night for the "em breve"
   * just promised: when the team is back, in the hours' time zone ("hoje" / "amanhã" / the weekday).
   */
  closed(opensAt: Date, now: Date, timeZone: string): string {
    const day = (d: Date) => d.toLocaleDateString("pt-BR", { timeZone, day: "2-digit", month: "2-digit", year: "numeric" });
    const time = opensAt.toLocaleTimeString("pt-BR", { timeZone, hour: "2-digit", minute: "2-digit" });
    const date = day(opensAt);
    const when =
      date === day(now)
        ? "hoje"
        : date === day(new Date(now.getTime() + 86_400_000))
          ? "amanhã"
          : `${opensAt.toLocaleDateString("pt-BR", { timeZone, weekday: "long" })}, ${date.slice(0, 5)}`;
    const zone = timeZone === "America/Sao_Paulo" ? " (horário de Brasília)" : "";
    // Worded as the meeting messages are (scheduling/conversation-notice.ts whenText): "segunda-feira, 10/03 às 09:00".
    return `No momento estamos fora do horário de atendimento. Nossa equipe volta ${when} às ${time}${zone} e continua a conversa com você por aqui.`;
  },
  invalid(step: FlowStep): string {
    // The question is asked again right after this text: when it already tells how to skip, saying it here too reads twice.
    const skip = step.skippable && !/\bpular\b/i.test(step.question) ? ' Se preferir não responder, digite "pular".' : "";
    switch (step.kind) {
      case "contact_name":
        return `Não consegui entender seu nome. Como você prefere que eu te chame?${skip}`;
      case "contact_email":
        return `Esse e-mail não parece válido. Pode conferir? Ex.: nome@empresa.com.br.${skip}`;
      case "number":
        return `Não entendi o valor. Pode responder com um número? Ex.: 5000 ou 5 mil.${skip}`;
      case "date":
        return `Não entendi a data. Pode responder no formato dd/mm/aaaa?${skip}`;
      case "text":
        return `Pode me contar um pouco mais?${skip}`;
      case "options":
        return step.bands
          ? `Não entendi sua resposta. Responda com o número de uma das opções ou com um valor (ex.: 3 mil).${skip}`
          : `Não entendi sua resposta. Responda com o número ou o texto de uma das opções.${skip}`;
    }
  },
};
