import type { CrmContactField, CrmDealField, CrmProvider } from "@vendaflow/validators/plain/crm-sync";

export const crmSync = {
  title: "Sincronização com CRM externo",
  description: "Mantenha leads e negócios iguais aqui e no Pipedrive ou no HubSpot: mudanças vão na hora, e as de lá chegam por webhook e a cada 5 minutos.",
  providers: { pipedrive: "Pipedrive", hubspot: "HubSpot" } satisfies Record<CrmProvider, string>,
  notConnected: "Não conectado.",
  oauthConnect: (p: string) => `Conectar ${p}`,
  oauthHint: (p: string) => `Você entra no ${p} e autoriza o acesso a contatos e negócios; não é preciso copiar token.`,
  oauthUnavailable: (p: string) => `A conexão com o ${p} não está configurada nesta instalação.`,
  hubspotWebhookHint: "As mudanças feitas no HubSpot chegam pelos webhooks do aplicativo do Vendaflow, sem configuração na sua conta.",
  /** The result the OAuth callback sends back in ?crm={provider}-… */
  oauthResult: {
    conectado: (p: string) => `${p} conectado. A primeira sincronização começa em instantes.`,
    negado: (p: string) => `A autorização no ${p} foi cancelada. Nada foi alterado.`,
    sessao: () => "Sua sessão expirou durante a autorização. Entre novamente e conecte de novo.",
    "outra-sessao": () => "Esta autorização foi pedida em outra sessão. Comece de novo por aqui.",
    recusado: (p: string) => `O ${p} recusou a autorização (vencida ou já usada). Tente conectar de novo.`,
    indisponivel: (p: string) => `Não foi possível falar com o ${p} agora. Tente novamente em instantes.`,
  } as Record<string, (p: string) => string>,
  apiToken: "Token da API",
  apiTokenHint: "No Pipedrive: foto de perfil → Configurações pessoais → API.",
  companyDomain: "Domínio da empresa (opcional)",
  companyDomainHint: "Só o subdomínio: acme para acme.pipedrive.com.",
  connect: "Conectar",
  connected: (p: string) => `${p} conectado.`,
  account: (name: string) => `Conta: ${name}`,
  lastPush: "Último envio",
  lastPull: "Última busca",
  never: "nunca",
  pending: (n: number) => (n === 1 ? "1 alteração na fila" : `${n} alterações na fila`),
  linked: (n: number) => (n === 1 ? "1 registro vinculado" : `${n} registros vinculados`),
  lastError: (e: string, at: string) => `Último erro (${at}): ${e}`,
  credentialsError: "Não foi possível ler as credenciais desta conexão. Desconecte e conecte de novo.",
  webhookUrl: "URL dos webhooks",
  webhookHint: "Os webhooks foram criados no Pipedrive com usuário e senha próprios desta conexão.",
  mapping: "Mapeamento de campos",
  disconnect: "Desconectar",
  disconnectTitle: (p: string) => `Desconectar o ${p}?`,
  disconnectDescription: (provider: CrmProvider) =>
    `A sincronização para e os vínculos entre registros são esquecidos. Nenhum lead, contato ou negócio é apagado aqui nem lá. ${
      provider === "pipedrive" ? "Os webhooks que esta conexão criou no Pipedrive são removidos." : "O app é desinstalado do portal HubSpot (a HubSpot avisa os superadministradores por e-mail), a menos que outra conta Vendaflow use o mesmo portal."
    }`,
  disconnected: (p: string) => `${p} desconectado.`,
  remoteLeft: (provider: CrmProvider) =>
    provider === "pipedrive"
      ? "Não foi possível remover os webhooks no Pipedrive (token revogado ou Pipedrive fora do ar). Remova-os em Pipedrive › Ferramentas e apps › Webhooks; até lá, as entregas são recusadas aqui."
      : "Não foi possível desinstalar o app no HubSpot (acesso revogado ou HubSpot fora do ar). Desinstale-o em HubSpot › Configurações › Integrações › Apps conectados; até lá, os eventos são ignorados aqui.",
  cancel: "Cancelar",
  // Field mapping page
  mappingTitle: (p: string) => `Mapeamento de campos — ${p}`,
  mappingDescription: "Escolha quais campos sincronizam e qual etapa daqui corresponde a cada etapa de lá. Telefones são gravados no formato brasileiro (+55 DDD número); valores em reais.",
  back: "Voltar às configurações",
  contactFields: "Lead ↔ pessoa/contato",
  dealFields: "Negócio ↔ negócio",
  contactFieldNames: { name: "Nome", email: "E-mail", phone: "Telefone", company: "Empresa" } satisfies Record<CrmContactField, string>,
  dealFieldNames: { title: "Título", value: "Valor (R$)", stage: "Etapa" } satisfies Record<CrmDealField, string>,
  stages: "Etapas",
  stagesHint: "Etapas sem par não mudam de um lado para o outro. Etapas de perda não são aplicadas a partir do CRM externo (exigem um motivo).",
  noRemoteStage: "— sem par —",
  remoteStagesError: (e: string) => `Não foi possível ler as etapas do CRM externo: ${e}`,
  noStages: "Nenhuma etapa cadastrada no funil.",
  save: "Salvar mapeamento",
  saved: "Mapeamento salvo.",
  notConnectedMapping: "Conecte este CRM nas configurações antes de mapear os campos.",
};
