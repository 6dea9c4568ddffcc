/** Every user-facing string (pt-BR). */
export const T = {
  panel: "Chat",
  close: "Fechar",
  placeholder: "Digite sua mensagem…",
  messageLabel: "Mensagem",
  send: "Enviar",
  accept: "Aceito",
  consentTitle: "Aviso de privacidade",
  privacyPage: "Como tratamos seus dados e como exercer seus direitos",
  reconnecting: "Reconectando…",
  loading: "Carregando…",
  typing: "digitando…",
  retry: "Tentar novamente",
  failed: "Não enviada.",
  tooMany: "Muitas mensagens. Aguarde um instante.",
  offline: "Sem conexão com o servidor. Verifique sua internet.",
  generic: "Algo deu errado. Tente novamente.",
  expired: "Sua sessão expirou. Envie sua mensagem novamente.",
  unsupported: "[conteúdo não suportado]",
  messages: "Mensagens",
  book: "Escolher horário",
} as const;

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
