/** Every user-facing string (pt-BR). */
export const T = {
  panel: "Chat",
  close: "Fechar",
  placeholder: "Digite sua mensagem…",
  /** The composer's placeholder until the privacy notice is accepted. */
  consentFirst: "Aceite o aviso para conversar.",
  messageLabel: "Mensagem",
  send: "Enviar",
  /** Not "Aceito": right under the marketing opt-in's "Aceito receber…" it would read as agreeing to it. */
  accept: "Aceitar e conversar",
  consentTitle: "Aviso de privacidade",
  privacyPage: "Como tratamos seus dados e como exercer seus direitos",
  reconnecting: "Reconectando…",
  loading: "Carregando…",
  typing: "digitando…",
  retry: "Tentar novamente",
  failed: "Não enviada.",
  /** Send status for screen readers (panel.announce): a failure, a resend and its recovery only. */
  notSent: "Mensagem não enviada.",
  resending: "Reenviando mensagem…",
  sent: "Mensagem enviada.",
  tooMany: "Muitas mensagens. Aguarde um instante.",
  offline: "Sem conexão com o servidor. Verifique sua internet.",
  generic: "Algo deu errado. Tente novamente.",
  expired: "Sua sessão expirou. Envie sua mensagem novamente.",
  unsupported: "[conteúdo não suportado]",
  messages: "Mensagens",
  /** An option group's name when its message has no text (normally the question names it). */
  options: "Opções de resposta",
  book: "Escolher horário",
  /** Under the scheduling page shown in the chat: the same page in a tab (some pages refuse to be embedded). */
  openBooking: "Abrir a agenda em outra aba",
  yesterday: "ontem",
  /** Read before each message by screen readers (who said it); the system's lines have none. */
  who: { lead: "Você:", bot: "Assistente:", agent: "Atendente:", system: "" } as Record<string, string>,
} as const;

/** A message over the limit (MAX_TEXT): how much to cut, so nothing is cut silently. */
export function tooLong(over: number): string {
  return `Mensagem longa demais: ${over.toLocaleString("pt-BR")} ${over === 1 ? "caractere" : "caracteres"} acima do limite de 2.000. Divida em partes menores.`;
}

/** Placeholder for non-text content types. */
export const MEDIA: Record<string, string> = {
  image: "[imagem]",
  sticker: "[figurinha]",
  audio: "[áudio]",
  voice: "[áudio]",
  video: "[vídeo]",
  document: "[documento]",
  file: "[arquivo]",
  location: "[localização]",
  contact: "[contato]",
  contacts: "[contato]",
};
