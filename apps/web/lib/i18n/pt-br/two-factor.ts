// Two-factor sign-in: Meu perfil's card and the users page's column and reset. A file of its own,
// so the pages at the bundle budget's edge that read workspace.ts do not carry these strings.
export const twoFactor = {
  title: "Verificação em duas etapas",
  hint: "Além da senha, o login pede um código de 6 dígitos do aplicativo autenticador do seu celular (Google Authenticator, Microsoft Authenticator, Authy, 1Password…).",
  on: "Ativada",
  off: "Desativada",
  enabledSince: (when: string) => `Ativada em ${when}.`,
  codesLeft: (n: number) => (n === 0 ? "Nenhum código de recuperação sobrando." : n === 1 ? "1 código de recuperação sobrando." : `${n} códigos de recuperação sobrando.`),
  codesLow: "Restam poucos códigos de recuperação: gere um novo conjunto para não ficar sem acesso se perder o celular.",
  start: "Ativar verificação em duas etapas",
  password: "Sua senha",
  continue: "Continuar",
  cancel: "Cancelar",
  scan: "1. Leia o QR code com o aplicativo autenticador.",
  qrAlt: "QR code para o aplicativo autenticador",
  manual: "Não consegue ler o QR code? Digite esta chave no aplicativo:",
  manualLabel: "Chave para digitar no aplicativo",
  enterCode: "2. Digite o código de 6 dígitos que o aplicativo mostra.",
  code: "Código do aplicativo",
  confirm: "Ativar",
  enabled: "Verificação em duas etapas ativada.",
  codesTitle: "Guarde seus códigos de recuperação",
  codesText: "Cada código entra uma única vez, no lugar do código do aplicativo, se você perder o celular. Guarde-os em um lugar seguro: eles não serão mostrados de novo.",
  copy: "Copiar códigos",
  copied: "Códigos copiados.",
  copyFailed: "Não foi possível copiar. Selecione os códigos e copie manualmente.",
  download: "Baixar .txt",
  fileName: "codigos-de-recuperacao.txt",
  fileHeader: (workspace: string, email: string) => `Códigos de recuperação — ${workspace} (${email})\nCada código pode ser usado uma única vez.\n`,
  done: "Já guardei os códigos",
  disable: "Desativar",
  disableTitle: "Desativar a verificação em duas etapas",
  regenerate: "Gerar novos códigos de recuperação",
  regenerateTitle: "Gerar novos códigos de recuperação",
  regenerateText: "Os códigos atuais deixam de valer, e suas sessões em outros dispositivos serão encerradas.",
  disableText: "Suas sessões em outros dispositivos serão encerradas.",
  verifyCode: "Código do aplicativo ou de recuperação",
  disabled: "Verificação em duas etapas desativada.",
  regenerated: "Novos códigos de recuperação gerados.",
  /** After turning it on or off or new recovery codes: the user stays signed in only where they did it. */
  otherSessionsEnded: "Suas outras sessões foram encerradas.",
};

export const usersTwoFactor = {
  column: "2FA",
  on: "Verificação em duas etapas ativada",
  reset: "Redefinir 2FA",
  confirmReset: "Redefinir a verificação em duas etapas deste usuário? Use quando a pessoa perdeu o celular: as sessões dela serão encerradas e ela entrará só com a senha até ativar de novo.",
  done: "Verificação em duas etapas redefinida; a pessoa foi avisada por e-mail.",
};

/** The operator console's card (the same steps as Meu perfil's). */
export const operatorTwoFactor = {
  /** Heads the recovery codes' file, where a workspace's name would be. */
  fileLabel: "Console de operação do Vendaflow",
};
