// pt-BR strings of the platform operator's console and its login (/operator, /login).
export const operator = {
  title: "Operação — espaços de trabalho",
  open: "Abrir (somente leitura)",
  login: "Entrar como operador",
  signOut: "Sair",
  mustEnrol: "Este ambiente exige verificação em duas etapas para operadores: ative-a abaixo para usar o console.",
  slugColumn: "Endereço",
  nameColumn: "Nome",
  subscriptionColumn: "Assinatura",
  empty: "Nenhum espaço de trabalho criado ainda.",
  aiColumn: "IA",
  opened: "Espaço aberto",
  openedTitle: (name: string) => `${name} (somente leitura)`,
  openedUsers: (n: number) => `Usuários (${n})`,
  openedAudit: "Auditoria recente",
  aiState: { off: "desligada", on: "ligada", blocked: "bloqueada" },
  // "Bloquear", as the badge says "bloqueada": "desligada" is the workspace's own setting.
  aiBlock: "Bloquear IA",
  aiUnblock: "Liberar IA",
  aiBlocked: "IA bloqueada para este espaço: o assistente usa só as regras.",
  aiUnblocked: "IA liberada para este espaço (vale se o cliente a tiver ligado).",
};
