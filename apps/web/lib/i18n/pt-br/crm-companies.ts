import type { CompanySize } from "@vendaflow/validators/crm";

// pt-BR strings of the companies list and page; ./crm includes them (crm.companies).
export const crmCompanies = {
  title: "Empresas",
  description: "Contas com quem você negocia.",
  // Each list names what its search reads (the search column of its table, db/migrations 0020-0021).
  searchPlaceholder: "Buscar por nome ou domínio…",
  create: "Nova empresa",
  createTitle: "Nova empresa",
  editTitle: "Editar empresa",
  empty: "Nenhuma empresa ainda.",
  emptyHint: "Empresas são criadas ao converter leads com e-mail corporativo, ou aqui.",
  deleted: (name: string) => `Empresa "${name}" excluída.`,
  confirmDelete: (name: string) => `Excluir a empresa "${name}"?`,
  columns: { name: "Empresa", domain: "Domínio", size: "Porte", industry: "Setor", owner: "Responsável" },
  form: { name: "Nome", domain: "Domínio", domainPlaceholder: "empresa.com.br", industry: "Setor", size: "Porte", noSize: "Não informado", website: "Site", linkedin: "LinkedIn", phone: "Telefone" },
  sizes: { "1-10": "1–10 pessoas", "11-50": "11–50 pessoas", "51-200": "51–200 pessoas", "201-500": "201–500 pessoas", "501-1000": "501–1.000 pessoas", "1000+": "Mais de 1.000" } satisfies Record<CompanySize, string>,
  detail: { back: "Voltar para empresas", contacts: "Contatos", deals: "Negócios", notFound: "Empresa não encontrada." },
};
