// Strings every page shares: buttons, roles, navigation, the 404 page.
export const common = {
  product: "Vendaflow",
  save: "Salvar",
  saved: "Alterações salvas.",
  cancel: "Cancelar",
  confirm: "Confirmar",
  loading: "Carregando…",
  actions: "Ações",
  email: "E-mail",
  password: "Senha",
  name: "Nome",
  back: "Voltar",
  loadMore: "Carregar mais",
  retry: "Tentar novamente",
  loadError: "Não foi possível carregar os dados.",
  readOnly: "Você tem acesso somente leitura.",
  filteredEmpty: "Nada corresponde aos filtros.",
  filteredEmptyHint: "Mude ou limpe os filtros para ver mais.",
  clearFilters: "Limpar filtros",
  dateFrom: "De",
  dateTo: "Até",
};

/** A page that failed to render (app/error.tsx, app/global-error.tsx). */
export const pageError = {
  title: "Não foi possível abrir esta página",
  text: "Algo falhou do nosso lado. Tente de novo em instantes; se continuar, fale com o suporte e informe o código abaixo.",
  retry: "Tentar de novo",
  home: "Ir para o início",
  code: "Código do erro",
};

export const roles = { admin: "Administrador", agent: "Agente", viewer: "Leitor" };

export const nav = { dashboard: "Painel", users: "Usuários", settings: "Configurações", audit: "Auditoria", profile: "Meu perfil", logout: "Sair" };

export const notFound = { title: "Página não encontrada", text: "O endereço que você acessou não existe ou foi removido.", home: "Ir para o início" };

export const noAccess = {
  title: "Sem acesso a esta página",
  adminOnly: "Só administradores da conta usam esta página. Se você precisa dela, peça a um administrador para mudar o seu papel em Usuários.",
  writersOnly: "Esta página é para administradores e agentes. Se você precisa dela, peça a um administrador para mudar o seu papel em Usuários.",
  managersOnly: "Esta página é para administradores e leitores, que acompanham a equipe. Se você precisa dela, peça a um administrador para mudar o seu papel em Usuários.",
  home: "Voltar ao painel",
};
