// pt-BR strings of the users page (/users): the list, invites, deactivation and the transfer of work.
export const users = {
  title: "Usuários",
  description: "Convide pessoas e defina o que cada uma pode fazer.",
  invite: "Convidar",
  role: "Papel",
  status: "Situação",
  active: "Ativo",
  inactive: "Desativado",
  pending: "Convite pendente",
  cancelled: "Convite cancelado",
  resendInvite: "Reenviar convite",
  resent: (email: string) => `Convite reenviado para ${email}.`,
  cancelInvite: "Cancelar convite",
  confirmCancelInvite: "Cancelar este convite? O link enviado deixa de valer; você pode convidar a pessoa de novo depois.",
  deactivate: "Desativar",
  reactivate: "Reativar",
  invited: "Convite enviado.",
  /** The mail server turned the e-mail away for now (core/email/retry.ts): the invite stands, the e-mail is retried. */
  inviteMailQueued: "Convite criado. O servidor de e-mail não respondeu agora; o e-mail será reenviado automaticamente nas próximas horas.",
  empty: "Nenhum usuário ainda.",
  inviteTitle: "Convidar pessoa",
  changeRole: "Alterar papel",
  you: "(você)",
  // A role change ends the person's sessions (core/users/manage.ts changeRole): the select asks first.
  confirmRoleTitle: (name: string, role: string) => `Mudar o papel de ${name} para ${role}?`,
  confirmRole: "As sessões dessa pessoa são encerradas em todos os aparelhos; ela entra de novo já com o novo papel.",
  confirmOwnRole: "É o seu próprio papel: sua sessão é encerrada agora e, sem o papel de administrador, você perde o acesso a estas configurações até outro administrador devolvê-lo.",
  confirmRoleAction: "Mudar papel",
  /** `open`: the person's pending + open conversations (null when unknown), which go back to the queue. */
  confirmDeactivate: (open: number | null) =>
    `Desativar este usuário? As sessões dele serão encerradas imediatamente e ele ficará offline.${
      !open ? "" : open === 1 ? " 1 conversa em aberto dele volta para a fila e será redistribuída pelas regras de roteamento." : ` ${open} conversas em aberto dele voltam para a fila e serão redistribuídas pelas regras de roteamento.`
    }`,
  /** "Transferir carteira": the deactivation dialog's choice, and the same move for someone already deactivated. */
  transferWork: "Transferir carteira",
  deactivateTitle: (name: string) => `Desativar ${name}?`,
  transferTitle: (name: string) => `Transferir carteira de ${name}`,
  /** What the person holds: open deals and pending activities. */
  holds: (deals: number, activities: number) =>
    `Em aberto com esta pessoa: ${deals === 1 ? "1 negócio aberto" : `${deals} negócios abertos`} e ${activities === 1 ? "1 atividade pendente" : `${activities} atividades pendentes`}.`,
  holdsNothing: "Esta pessoa não tem negócios abertos nem atividades pendentes.",
  workChoice: "O que fazer com eles",
  transferTo: "Transferir negócios abertos e atividades pendentes para:",
  transferTarget: "Nova pessoa responsável",
  leaveUnowned: "Deixar sem responsável",
  pickTarget: "Escolha uma pessoa",
  chooseWork: "Escolha para onde vão os negócios e as atividades.",
  noTargets: "Não há outra pessoa ativa que possa ser responsável por negócios (leitores não podem).",
  transferred: (deals: number, activities: number) =>
    `Carteira transferida: ${deals === 1 ? "1 negócio" : `${deals} negócios`} e ${activities === 1 ? "1 atividade" : `${activities} atividades`}.`,
  /** After a deactivation that sent conversations back to routing. */
  deactivated: (released: number, reassigned: number) =>
    released === 0
      ? "Usuário desativado."
      : `Usuário desativado. ${released === 1 ? "1 conversa voltou" : `${released} conversas voltaram`} para a fila${reassigned ? `; ${reassigned === 1 ? "1 já foi atribuída" : `${reassigned} já foram atribuídas`} a outro agente` : ""}.`,
};
