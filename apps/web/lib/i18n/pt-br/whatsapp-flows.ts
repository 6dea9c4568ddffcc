// pt-BR strings of the qualification as a WhatsApp Flow form (inbox settings).
export const whatsappFlows = {
  title: "Formulário do WhatsApp (Flow)",
  enable: "Oferecer a qualificação como formulário nativo do WhatsApp",
  hint:
    "O lead recebe as perguntas de qualificação em um formulário do WhatsApp e responde tudo de uma vez; quem preferir responde no chat. " +
    "Baixe o Flow JSON, crie o Flow no Gerenciador do WhatsApp (Flows → Criar Flow → editar JSON), publique-o e informe o ID aqui.",
  download: "Baixar Flow JSON",
  downloading: "Gerando…",
  downloadFailed: "Não foi possível gerar o Flow JSON.",
  downloaded: (questions: number, flow: string, version: number) => `Flow JSON com ${questions === 1 ? "1 pergunta" : `${questions} perguntas`} de "${flow}" (versão ${version}).`,
  republish: "Ao incluir, remover ou reordenar perguntas do fluxo, baixe e publique o JSON de novo; textos e opções são enviados a cada mensagem.",
  flowId: "ID do Flow na Meta",
  flowIdHint: "Número exibido no Gerenciador do WhatsApp depois de publicar o Flow.",
  cta: "Texto do botão",
  ctaHint: "Até 20 caracteres, sem emoji (padrão: Responder).",
};
