// pt-BR strings of the contacts list and page; ./crm includes them (crm.contacts).
export const crmContacts = {
  title: "Contatos",
  description: "Pessoas das empresas e leads convertidos.",
  searchPlaceholder: "Buscar por nome, e-mail, telefone…",
  create: "Novo contato",
  createTitle: "Novo contato",
  editTitle: "Editar contato",
  empty: "Nenhum contato ainda.",
  emptyHint: "Contatos são criados ao converter leads, ou aqui.",
  deleted: (name: string) => `Contato "${name}" excluído.`,
  confirmDelete: (name: string) => `Excluir o contato "${name}"?`,
  columns: { name: "Nome", email: "E-mail", phone: "Telefone", company: "Empresa", position: "Cargo" },
  form: { name: "Nome", email: "E-mail", phone: "Telefone", phonePlaceholder: "(11) 98765-4321", position: "Cargo", company: "Empresa", noCompany: "Sem empresa", linkedin: "LinkedIn", primary: "Contato principal da empresa" },
  detail: { back: "Voltar para contatos", deals: "Negócios", notFound: "Contato não encontrado." },
};
