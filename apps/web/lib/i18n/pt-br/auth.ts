// The public pages: landing, sign-up, workspace finder, login and the e-mailed-link flows.
export const landing = {
  title: "Qualifique leads no WhatsApp e no site, sem perder nenhum.",
  subtitle: "Um assistente que conversa com seus leads, pontua com BANT e entrega os quentes para o seu time.",
  signup: "Criar conta grátis",
  find: "Encontrar meu espaço de trabalho",
  operator: "Acesso da operação",
};

/** A host that is no workspace (a mistyped slug): its "/" is this same page, so the links go to the root domain. */
export const unknownHost = {
  title: "Espaço de trabalho não encontrado",
  text: "Nenhum espaço de trabalho usa este endereço. Confira se ele foi digitado corretamente ou receba por e-mail os links dos seus espaços.",
  find: "Encontrar meu espaço de trabalho",
  home: "Ir para o Vendaflow",
};

/** Shown under every new-password field (passwordSchema in validators/auth.ts). */
export const newPassword = { hint: "Use pelo menos 8 caracteres." };

export const signup = {
  title: "Crie sua conta",
  company: "Nome da empresa",
  slug: "Endereço do seu espaço",
  slugHint: "Letras minúsculas, números e hífen. Seu painel ficará em",
  yourName: "Seu nome",
  submit: "Criar conta",
  doneTitle: "Conta criada! Confirme seu e-mail.",
  doneText: (email: string) => `Enviamos um link de confirmação para ${email} (ele vale por 48 horas). Depois de confirmar, entre em`,
};

export const find = {
  title: "Encontre seu espaço de trabalho",
  text: "Informe seu e-mail e enviaremos os links dos espaços em que você tem acesso.",
  submit: "Enviar links",
  done: "Se houver espaços de trabalho para este e-mail, você receberá os links em instantes.",
};

export const login = {
  title: "Entrar",
  submit: "Entrar",
  forgot: "Esqueci minha senha",
  invalid: "E-mail ou senha incorretos.",
  missing: "Informe seu e-mail e sua senha.",
  offline: "Sem conexão com o servidor. Verifique sua internet e tente novamente.",
  rateLimited: "Muitas tentativas. Aguarde alguns minutos e tente novamente.",
  unavailable: "Não foi possível entrar agora: o serviço está temporariamente indisponível. Tente de novo em instantes.",
  notVerified: "Confirme seu e-mail antes de entrar: enviamos um link na criação da conta. Se ele expirou, use “Esqueci minha senha”, que também confirma o e-mail.",
  passwordChanged: "Senha alterada. Entre novamente.",
  verified: "E-mail confirmado! Agora é só entrar.",
  emailChanged: "E-mail alterado. Daqui em diante, entre com o novo endereço.",
  inviteAccepted: "Convite aceito! Entre com sua nova senha.",
  reset: "Senha redefinida. Entre com a nova senha.",
  code: "Código de verificação",
  codeHint: "O código de 6 dígitos que o aplicativo autenticador mostra agora.",
  recoveryCode: "Código de recuperação",
  recoveryHint: "Um dos códigos guardados ao ativar a verificação em duas etapas (cada um vale uma vez).",
  useRecovery: "Perdeu o celular? Usar um código de recuperação",
  useApp: "Usar o código do aplicativo",
  codeRequired: "Sua conta usa verificação em duas etapas: digite o código do aplicativo autenticador.",
  codeInvalid: "Código incorreto ou já usado. Digite o código atual do aplicativo ou um código de recuperação.",
  codeMissing: "Digite o código de verificação.",
  back: "Voltar",
};

export const forgot = {
  title: "Redefinir senha",
  text: "Informe seu e-mail. Se houver uma conta, enviaremos um link válido por 1 hora.",
  submit: "Enviar link",
  done: "Se este e-mail tiver uma conta, o link de redefinição chegará em instantes.",
};

export const reset = {
  title: "Escolha uma nova senha",
  newPassword: "Nova senha",
  submit: "Redefinir senha",
  newLink: "Pedir um novo link",
  // The address came without its token (cut when copied, say): no form to fill in vain.
  noToken: "Este link está incompleto. Abra de novo o link do e-mail (inteiro) ou peça um novo abaixo.",
  // Each new request ends the earlier links (core/auth/tokens.ts issueToken): an older one reads as used.
  gone: {
    expired: "O link de redefinição vale por 1 hora. Peça um novo: ele chega no mesmo e-mail.",
    used: "Cada link de redefinição serve uma vez só, e um pedido mais novo anula os anteriores. Se você já trocou a senha, é só entrar; se não, peça um novo link.",
    unknown: "Este link não confere com nenhum pedido deste espaço. Abra o link inteiro do e-mail mais recente ou peça um novo.",
  },
};

/** A link that no longer works, found when its page opens (instead of a form that could only fail). */
export const linkGone = {
  expired: "Este link expirou",
  used: "Este link já foi usado",
  unknown: "Este link não é válido",
  login: "Ir para o login",
};

export const verify = {
  pageTitle: "Confirmação de e-mail",
  title: "Confirmando seu e-mail…",
  failed: "Não foi possível confirmar o e-mail",
  // Only a password reset mails a new link, and it verifies the address too (core/auth/account.ts).
  help: "Se você já confirmou, é só entrar. Se o link expirou, use “Esqueci minha senha”: o link de redefinição também confirma o seu e-mail. Para trocar de e-mail, peça um novo link em Meu perfil.",
  login: "Ir para o login",
  forgot: "Esqueci minha senha",
  gone: {
    expired: "O prazo deste link de confirmação passou. Para receber outro, use “Esqueci minha senha”: o link de redefinição também confirma o seu e-mail. Se era a troca do seu e-mail, peça um novo link em Meu perfil.",
    used: "Se você já confirmou o e-mail, é só entrar. Um pedido mais novo também anula este link: use o e-mail mais recente, ou “Esqueci minha senha”, que também confirma o seu e-mail.",
    unknown: "Este link não confere com nenhum pedido deste espaço. Abra o link inteiro do e-mail mais recente ou use “Esqueci minha senha”, que também confirma o seu e-mail.",
  },
};

export const invite = {
  title: "Aceite o convite",
  text: "Defina seu nome e sua senha para entrar.",
  submit: "Aceitar convite",
  expired: "O convite vale por 7 dias e só pode ser usado uma vez. Peça a quem convidou você para enviar um novo.",
  noToken: "Este link de convite está incompleto. Abra de novo o link do e-mail (inteiro).",
  // Reinviting or removing the person ends the link too (core/auth/tokens.ts, core/users/manage.ts).
  gone: {
    expired: "O convite vale por 7 dias. Peça a quem convidou você (o administrador do espaço) para enviar um novo.",
    used: "Se você já aceitou o convite, é só entrar com seu e-mail e senha. Se não, ele foi substituído ou cancelado: peça ao administrador do espaço um novo convite.",
    unknown: "Este link não confere com nenhum convite deste espaço. Abra o link inteiro do e-mail mais recente ou peça ao administrador um novo convite.",
  },
};
