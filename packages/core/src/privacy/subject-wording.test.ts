import { requestKinds } from "@vendaflow/validators/privacy";
import { describe, expect, it } from "vitest";
import { privacyRequestMail } from "../email/templates";
import { answerLine, inProgressLine, receivedLine, SUBJECT_REQUEST_NAME } from "./subject-wording";

// The admins' short labels, as the queue printed them in the subject's mail before ("Recebemos seu pedido: Acesso aos dados.").
const ADMIN_LABELS = [
  "Confirmação da existência de tratamento",
  "Acesso aos dados",
  "Correção de dados",
  "Anonimização ou bloqueio",
  "Eliminação dos dados",
  "Portabilidade dos dados",
  "Informação sobre compartilhamento",
  "Revogação do consentimento",
  "Critérios e revisão da pontuação automática (art. 20)",
];

describe("how a request is named to its subject", () => {
  it("names every kind in the subject's words, each differently", () => {
    expect(Object.keys(SUBJECT_REQUEST_NAME).sort()).toEqual([...requestKinds].sort());
    for (const kind of requestKinds) {
      expect(SUBJECT_REQUEST_NAME[kind], kind).toMatch(/^seu pedido de [a-zà-ú]/);
      expect(SUBJECT_REQUEST_NAME[kind], kind).toMatch(/\b(seu|seus|sua) (dados|consentimento|pontuação)\b/);
    }
    expect(new Set(Object.values(SUBJECT_REQUEST_NAME)).size).toBe(requestKinds.length);
    expect(SUBJECT_REQUEST_NAME.access).toBe("seu pedido de acesso aos seus dados");
  });

  it("the confirmation mail of every kind reads as a sentence to the subject, never the admins' label", () => {
    for (const kind of requestKinds) {
      const mail = privacyRequestMail({ name: "Loja Exemplo", theme: { primaryColor: "#0f766e", logoUrl: "", botName: "Bot" } }, "Pedido de privacidade recebido", [receivedLine(kind), "Protocolo: LGPD-20261207-ABCDEF."]);
      expect(mail.text, kind).toContain(`Recebemos ${SUBJECT_REQUEST_NAME[kind]}.`);
      expect(mail.html, kind).toContain(`Recebemos ${SUBJECT_REQUEST_NAME[kind]}.`);
      for (const label of ADMIN_LABELS) expect(mail.text, `${kind}: ${label}`).not.toContain(label);
      expect(mail.text, kind).not.toMatch(/pedido: /);
    }
  });

  it("the repeated-request and answer lines start with a capital and name the kind the same way", () => {
    for (const kind of requestKinds) {
      expect(inProgressLine(kind), kind).toBe(`S${SUBJECT_REQUEST_NAME[kind].slice(1)} já está em andamento.`);
      expect(answerLine(kind, "LGPD-20261207-ABCDEF"), kind).toBe(`Esta é a resposta ao ${SUBJECT_REQUEST_NAME[kind]} (protocolo LGPD-20261207-ABCDEF).`);
    }
  });
});
