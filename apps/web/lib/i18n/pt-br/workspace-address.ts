// The workspace's address (slug) on Configurações. A file of its own, read only by the card that
// loads on demand: /settings is at its bundle budget's edge.
export const workspaceAddress = {
  title: "Endereço do espaço",
  current: "Endereço atual",
  previous: (list: string) => `Endereços anteriores (ainda funcionam e redirecionam): ${list}`,
  field: "Novo endereço",
  hint: "De 3 a 63 caracteres: letras minúsculas, números e hífen (sem hífen no começo ou no fim).",
  preview: (url: string) => `Novo endereço: ${url}`,
  submit: "Alterar endereço",
  same: "Este já é o endereço atual.",
  confirmTitle: (url: string) => `Mudar o endereço para ${url}?`,
  /** `domain`: the workspace's verified custom domain (its sessions stay); `onDomain`: the admin is signed in there. */
  confirmDescription: (max: number, domain: string | null, onDomain: boolean) =>
    `O endereço atual continua funcionando e redireciona para o novo. Os widgets já instalados nos sites continuam funcionando, mas recomendamos atualizar o código de instalação. ${
      !domain
        ? "Todas as sessões do espaço serão encerradas: todos (você também) precisarão entrar de novo no novo endereço, porque o login vale por endereço."
        : `As sessões abertas no endereço atual serão encerradas: quem entrou por ele${onDomain ? "" : " (você também)"} precisará entrar de novo no novo endereço, porque o login vale por endereço. Quem entrou pelo domínio ${domain}${onDomain ? ", como você," : ""} continua conectado.`
    } Guardamos até ${max} endereços anteriores: ao passar disso, o mais antigo deixa de funcionar e fica livre para outra conta.`,
  confirmAction: "Mudar endereço",
  done: (url: string) => `Endereço alterado para ${url}.`,
  signInThere: "Entrar no novo endereço",
  doneHint: (domain: string | null, onDomain: boolean) =>
    !domain
      ? "Todas as sessões do espaço foram encerradas, inclusive a sua: entre no novo endereço com seu e-mail e senha."
      : onDomain
        ? `As sessões do endereço antigo foram encerradas. A sua continua: você entrou pelo domínio ${domain}, que não mudou.`
        : `As sessões do endereço antigo foram encerradas, inclusive a sua: entre no novo endereço com seu e-mail e senha. Quem entrou pelo domínio ${domain} continua conectado.`,
  freed: (list: string) => `Deixaram de funcionar e ficaram livres: ${list}`,
};
