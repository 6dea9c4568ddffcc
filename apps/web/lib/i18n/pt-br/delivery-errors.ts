/**
 * pt-BR strings of why a reply failed: WhatsApp's error codes (its answer is in English) and a send
 * that got no answer; a module of its own, loaded with the failure (inbox/delivery-failure.tsx).
 */
export const deliveryErrors = {
  unreachable: "não foi possível falar com o WhatsApp; tente enviar de novo",
  refused: (code: string) => `o WhatsApp recusou a mensagem (código ${code})`,
  known: {
    "470": "fora da janela de 24 h; use um template aprovado",
    "131047": "fora da janela de 24 h; use um template aprovado",
    "131026": "o número não pode receber a mensagem (sem WhatsApp, versão antiga ou termos não aceitos)",
    "131049": "o WhatsApp não entregou para preservar a experiência do lead; tente mais tarde",
    "131050": "o lead pediu para não receber mensagens de marketing",
    "131051": "tipo de mensagem não suportado",
    "131052": "não foi possível baixar o arquivo",
    "131053": "não foi possível enviar o arquivo",
    "131048": "limite de envios atingido por denúncias de spam",
    "131056": "muitas mensagens para este lead em pouco tempo; aguarde e tente de novo",
    "130429": "limite de envios do número atingido; tente de novo em instantes",
    "131000": "erro do WhatsApp; tente enviar de novo",
    "131042": "problema de pagamento na conta do WhatsApp Business",
    "131031": "a conta do WhatsApp Business está bloqueada",
    "368": "o número está bloqueado temporariamente por violar as políticas do WhatsApp",
    "132000": "os parâmetros não correspondem ao template",
    "132001": "o template não existe neste idioma ou não foi aprovado",
  } as Record<string, string>,
};
