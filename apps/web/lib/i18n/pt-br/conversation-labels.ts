// Labels shared by the conversations list (./conversations) and the timeline (./inbox-timeline): kept
// in one small module so neither page's bundle carries the other's catalog.

/** Conversation events both show (the timeline adds routing and agent events). */
export const conversationEventLabels = {
  handoff: "Transferida para a equipe",
  qualified: "Lead qualificado",
  not_qualified: "Lead não qualificado (nutrição)",
  closed: "Conversa encerrada",
  opt_out: "O lead pediu para não receber mais mensagens",
  possible_duplicate: "Possível lead duplicado",
  created: "Conversa iniciada",
  other: "Evento",
};

export const deliveryLabels = { pending: "Enviando", sent: "Enviada", delivered: "Entregue", read: "Lida", failed: "Falha no envio" };

/** What a message without text is (the timeline's placeholders, a CRM record's timeline). */
export const mediaLabels = {
  image: "Imagem",
  video: "Vídeo",
  audio: "Áudio",
  voice: "Mensagem de voz",
  document: "Documento",
  sticker: "Figurinha",
  location: "Localização",
  reaction: "Reação",
  reactionRemoved: "Reação removida",
  unsupported: "Mensagem não suportada",
  note: "Nota interna",
  contacts: "Contato compartilhado",
  order: "Pedido",
  interactive: "Mensagem interativa",
  flow_reply: "Resposta de formulário",
};
