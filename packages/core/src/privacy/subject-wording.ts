import type { RequestKind } from "@vendaflow/validators/privacy";

/**
 * How a request is named to its subject — the confirmation and answer e-mails, the WhatsApp
 * replies — in the subject's words ("seu pedido de acesso aos seus dados"), never the admins'
 * short label from their queue ("Acesso aos dados").
 */
export const SUBJECT_REQUEST_NAME: Record<RequestKind, string> = {
  confirmation: "seu pedido de confirmação de que tratamos seus dados",
  access: "seu pedido de acesso aos seus dados",
  correction: "seu pedido de correção dos seus dados",
  anonymisation: "seu pedido de anonimização ou bloqueio dos seus dados",
  deletion: "seu pedido de eliminação dos seus dados",
  portability: "seu pedido de portabilidade dos seus dados",
  sharing_info: "seu pedido de informação sobre com quem compartilhamos seus dados",
  revocation: "seu pedido de revogação do seu consentimento",
  automated_review: "seu pedido de revisão da sua pontuação automática e dos critérios usados (art. 20)",
};

const capitalised = (s: string) => s[0]!.toUpperCase() + s.slice(1);

/** The first line once a request is confirmed: "Recebemos seu pedido de acesso aos seus dados." */
export const receivedLine = (kind: RequestKind) => `Recebemos ${SUBJECT_REQUEST_NAME[kind]}.`;

/** The same kind written again while one is open: "Seu pedido de acesso aos seus dados já está em andamento." */
export const inProgressLine = (kind: RequestKind) => `${capitalised(SUBJECT_REQUEST_NAME[kind])} já está em andamento.`;

/** The head of the answer mail: "Esta é a resposta ao seu pedido de acesso aos seus dados (protocolo LGPD-…)." */
export const answerLine = (kind: RequestKind, protocol: string) => `Esta é a resposta ao ${SUBJECT_REQUEST_NAME[kind]} (protocolo ${protocol}).`;
