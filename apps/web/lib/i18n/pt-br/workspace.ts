// The workspace's own pages: dashboard, users, settings, profile, audit and the operator console.
export const dashboard = { title: "Painel", welcome: "Olá" };

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

export const settings = {
  title: "Configurações",
  description: "Nome, marca e domínio do seu espaço.",
  companyName: "Nome da empresa",
  primaryColor: "Cor principal",
  primaryColorPicker: "Escolher a cor principal",
  logoUrl: "URL do logotipo",
  botName: "Nome do bot",
  domainTitle: "Domínio personalizado",
  domain: "Domínio",
  domainHint: "Crie estes registros no DNS do seu domínio e clique em verificar:",
  recordType: "Tipo",
  recordName: "Nome",
  recordValue: "Valor",
  removeDomain: "Remover domínio",
  confirmRemoveDomain: "Remover o domínio personalizado? Ele deixa de abrir o seu espaço imediatamente; o endereço no subdomínio continua funcionando.",
  domainRemoved: "Domínio removido.",
  dnsPending: "O DNS ainda não aponta para a Vercel: o domínio abre o seu espaço assim que o registro CNAME (ou A) propagar. Verificamos de novo a cada 30 segundos.",
  dnsOk: "DNS configurado e certificado HTTPS em emissão ou ativo.",
  hostingUnreachable: "Não foi possível consultar a hospedagem agora; os registros abaixo podem estar incompletos.",
  manualHosting: "A equipe da plataforma adiciona o domínio à hospedagem; você só precisa do registro TXT abaixo e de um CNAME para o endereço que ela informar.",
  saveDomain: "Salvar domínio",
  verify: "Verificar",
  verified: "Verificado",
  unverified: "Aguardando verificação",
};

export const profile = {
  title: "Meu perfil",
  current: "Senha atual",
  newPassword: "Nova senha",
  changePassword: "Alterar senha",
  email: {
    title: "E-mail de acesso",
    current: (email: string) => `Você entra com ${email}.`,
    newEmail: "Novo e-mail",
    password: "Sua senha",
    submit: "Enviar link de confirmação",
    sent: (email: string) => `Enviamos um link para ${email}. A troca acontece quando você abrir o link (ele vale por 24 horas); até lá, continue entrando com o e-mail atual.`,
  },
  sessions: {
    title: "Onde você está conectado",
    hint: "As sessões abertas com a sua conta. Encerre as que você não reconhece ou de aparelhos que não usa mais.",
    current: "Esta sessão",
    device: (d: { browser: string | null; os: string | null } | null) => (!d ? "Aparelho desconhecido" : d.browser && d.os ? `${d.browser} no ${d.os}` : (d.browser ?? d.os ?? "Aparelho desconhecido")),
    signedIn: (when: string) => `Entrou em ${when}`,
    ip: (ip: string) => `IP ${ip}`,
    end: "Encerrar",
    endLabel: (device: string, when: string) => `Encerrar a sessão de ${device} (entrou em ${when})`,
    ended: "Sessão encerrada: aquele aparelho precisa entrar de novo.",
    endOthers: "Sair dos outros dispositivos",
    endOthersTitle: "Sair dos outros dispositivos?",
    endOthersText: "Todas as outras sessões da sua conta serão encerradas, e cada aparelho precisará entrar de novo. Esta sessão continua aberta.",
    othersEnded: (n: number) => (n === 0 ? "Nenhuma outra sessão estava aberta." : n === 1 ? "1 sessão encerrada." : `${n} sessões encerradas.`),
  },
};

export const audit = {
  title: "Auditoria",
  description: "Tudo o que foi feito neste espaço, por quem e de onde.",
  action: "Ação",
  entity: "Entidade",
  actor: "Autor",
  when: "Quando",
  empty: "Nenhum registro ainda.",
  emptyHint: "Cada alteração feita neste espaço, e cada acesso, fica registrada aqui.",
  allActions: "Todas as ações",
  allEntities: "Todas as entidades",
  from: "Registrado a partir de",
  to: "Registrado até",
  operator: "Operação da plataforma",
};

export const operator = {
  title: "Operação — espaços de trabalho",
  open: "Abrir (somente leitura)",
  login: "Entrar como operador",
  signOut: "Sair",
  mustEnrol: "Este ambiente exige verificação em duas etapas para operadores: ative-a abaixo para usar o console.",
  aiColumn: "IA",
  aiState: { off: "desligada", on: "ligada", blocked: "bloqueada" },
  aiBlock: "Desligar IA",
  aiUnblock: "Religar IA",
  aiBlocked: "IA desligada para este espaço: o assistente usa só as regras.",
  aiUnblocked: "IA liberada para este espaço (vale se o cliente a tiver ligado).",
};
