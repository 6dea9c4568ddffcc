// Meta's ACCOUNT_VIOLATION / ACCOUNT_RESTRICTION on an inbox card (inboxes/restriction-notice.tsx):
// an area of its own, loaded with that notice only, so the /inboxes page's first load does not carry it.
export const inboxRestriction = {
  title: "A Meta restringiu esta conta do WhatsApp Business",
  hint: "As mensagens continuam sendo enviadas; a Meta recusa as que a restrição impede.",
  violation: (type: string) => `Violação das políticas registrada pela Meta${type ? ` (${type})` : ""}.`,
  until: (what: string, when: string) => `${what} até ${when}.`,
  noEnd: (what: string) => `${what}, sem data para terminar.`,
  types: {
    RESTRICTED_BIZ_INITIATED_MESSAGING: "Iniciar conversas com clientes está bloqueado",
    RESTRICTED_CUSTOMER_INITIATED_MESSAGING: "Responder a conversas iniciadas pelos clientes está bloqueado",
    RESTRICTED_ADD_PHONE_NUMBER_ACTION: "Adicionar números à conta está bloqueado",
  } as Record<string, string | undefined>,
  other: (type: string) => `Restrição ${type}`,
};
