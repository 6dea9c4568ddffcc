import { NOT_QUALIFIED_TAG } from "@vendaflow/core/bot/not-qualified-tag";
import type { BantField, StepField, StepKind } from "@vendaflow/validators/flow";

// pt-BR strings of the flow editor.
/** A wait as an admin sets it: 600 → "10 min", 5400 → "1 h 30 min", 45 → "45 s". */
const waitLength = (seconds: number) => {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return [h ? `${h} h` : "", m ? `${m} min` : "", s || (!h && !m) ? `${s} s` : ""].filter(Boolean).join(" ");
};

export const flows = {
  nav: "Fluxos",
  title: "Fluxos de qualificação",
  description: "Perguntas, pontuação BANT e o que acontece ao fim de cada conversa do assistente.",
  newFlow: "Novo fluxo",
  newFlowName: "Novo fluxo",
  empty: "Nenhum fluxo ainda.",
  emptyHint: "Crie um fluxo para definir as perguntas do assistente.",
  columns: { name: "Fluxo", version: "Versão publicada", status: "Situação", updated: "Atualizado em" },
  edit: "Editar",
  defaultBadge: "Padrão",
  draftBadge: "Rascunho",
  publishedBadge: "Publicado",
  neverPublished: "Nunca publicado",
  version: (n: number) => `v${n}`,

  // Editor header
  back: "Voltar para os fluxos",
  editorDescription: (published: number | null, isDraft: boolean) =>
    [published ? `Versão publicada: v${published}.` : "Ainda não publicado.", isDraft ? "Há um rascunho salvo." : null].filter(Boolean).join(" "),
  unsaved: "Alterações não salvas",
  leaveTitle: "Sair sem salvar?",
  leaveText: "As alterações deste fluxo que não foram salvas como rascunho serão perdidas.",
  leaveAction: "Sair sem salvar",
  saveDraft: "Salvar rascunho",
  draftSaved: (v: number) => `Rascunho salvo (será a versão v${v}).`,
  publish: "Publicar",
  publishTitle: (v: number) => `Publicar a versão v${v}?`,
  publishText:
    "Novas conversas passam a usar esta versão. Conversas em andamento continuam na versão em que começaram.",
  publishConfirm: "Publicar agora",
  published: (v: number) => `Versão v${v} publicada.`,
  nothingToPublish: "Não há alterações para publicar.",
  leaveWarning: "Há alterações não salvas no fluxo.",
  notFound: "Fluxo não encontrado.",
  brokenDefinition: "A definição salva deste fluxo não pôde ser lida; o editor abriu o modelo BANT padrão.",

  // Issues
  issuesTitle: (n: number) => (n === 1 ? "1 problema impede salvar" : `${n} problemas impedem salvar`),
  issuesHint: "Corrija os itens abaixo; cada um aponta a etapa em que está.",
  noIssues: "Nenhum problema encontrado.",
  goToStep: "Ir para a etapa",

  // Flow settings
  settings: "Configurações do fluxo",
  name: "Nome do fluxo",
  startStep: "Etapa inicial",
  minScore: "Pontuação mínima para qualificar",
  minScoreHint: (max: number) => `Pontuação máxima possível neste fluxo: ${max}.`,
  invalidLimit: "Respostas inválidas antes de transferir",
  invalidLimitHint: "Depois deste número de respostas que o assistente não entende, a conversa vai para um atendente.",
  timeoutFallback: "Quando o lead para de responder",
  timeoutFallbacks: { handoff: "Transferir para um atendente", close: "Encerrar a conversa" },
  schedulingUrl: "Link de agendamento (opcional)",
  schedulingUrlHint: "Oferecido aos qualificados. Use {name}, {email} e {leadId} para preencher os dados do lead.",

  // Outcomes
  outcomes: "Resultados",
  qualified: "Qualificado",
  notQualified: "Não qualificado",
  outcomeMessage: "Mensagem final ao lead",
  outcomeAction: "Depois da mensagem",
  outcomeActions: { handoff: "Transferir para um atendente", close: "Encerrar a conversa" },
  outcomeTags: "Tags (separadas por vírgula)",
  notQualifiedTagHint: `A tag “${NOT_QUALIFIED_TAG}” é sempre adicionada aos não qualificados.`,

  // Steps
  steps: "Etapas",
  stepTitle: (n: number) => `Etapa ${n}`,
  startBadge: "Início",
  addStep: "Adicionar etapa",
  moveUp: "Mover para cima",
  moveDown: "Mover para baixo",
  // Buttons named with what they act on: a step's and an option's arrows were both "Mover para cima".
  moveStepUp: (id: string) => `Mover a etapa "${id}" para cima`,
  moveStepDown: (id: string) => `Mover a etapa "${id}" para baixo`,
  removeStepNamed: (id: string) => `Remover a etapa "${id}"`,
  moveOptionUp: (n: number) => `Mover a opção ${n} para cima`,
  moveOptionDown: (n: number) => `Mover a opção ${n} para baixo`,
  removeOptionN: (n: number) => `Remover a opção ${n}`,
  remove: "Remover",
  removeStep: "Remover etapa",
  confirmRemoveStep: (id: string) => `Remover a etapa "${id}"? Etapas que levam a ela ficarão com um destino inválido até você corrigir.`,
  stepId: "Id da etapa",
  stepIdHint: "Letras, números, _ ou -. Referências a esta etapa acompanham a mudança.",
  kind: "Tipo de resposta",
  kinds: {
    contact_name: "Nome do contato",
    contact_email: "E-mail do contato",
    options: "Opções",
    text: "Texto livre",
    number: "Número / valor",
    date: "Data",
  } satisfies Record<StepKind, string>,
  field: "Campo BANT",
  noField: "Nenhum",
  fields: {
    budget: "Orçamento (Budget)",
    authority: "Autoridade (Authority)",
    need: "Necessidade (Need)",
    timeline: "Prazo (Timeline)",
    contact: "Contato",
  } satisfies Record<StepField, string>,
  bantShort: { budget: "Orçamento", authority: "Autoridade", need: "Necessidade", timeline: "Prazo" } satisfies Record<BantField, string>,
  question: "Pergunta",
  next: "Próxima etapa",
  endOfFlow: "Fim do fluxo",
  sameAsNext: "Igual à próxima etapa",
  missingStep: (id: string) => `⚠ ${id} (não existe)`,
  timeoutSeconds: "Tempo limite (segundos)",
  timeoutDefault: "Padrão (600)",
  invalidOverride: "Limite de respostas inválidas",
  invalidOverrideDefault: (n: number) => `Padrão do fluxo (${n})`,
  skippable: "O lead pode pular esta etapa (“pular”)",

  // Options
  options: "Opções",
  optionId: "Id",
  optionLabel: "Rótulo do botão",
  optionText: "Texto completo",
  optionScore: "Pontos",
  optionNext: "Leva para",
  addOption: "Adicionar opção",
  removeOption: "Remover opção",
  noOptions: "Nenhuma opção ainda.",
  labelCounter: (n: number, max: number) => `${n}/${max}`,

  // Keywords
  keywords: "Palavras-chave",
  keywordsHint: "Cada palavra encontrada na resposta soma os pontos indicados.",
  keyword: "Palavra-chave",
  keywordScore: "Pontos",
  addKeyword: "Adicionar palavra-chave",
  removeKeyword: "Remover palavra-chave",

  // Bands
  bands: "Faixas de valores",
  useBands: "Aceitar valores digitados (ex.: “uns 3 mil”) e convertê-los em uma opção",
  boundary: "Regra de limite",
  boundaries: {
    lower_inclusive: "O limite inferior entra na faixa (1.000 fica em 1.000–5.000)",
    upper_inclusive: "O limite superior entra na faixa (1.000 fica em até 1.000)",
  },
  bandOption: "Opção",
  bandMin: "A partir de",
  bandMax: "Até",
  noLimit: "sem limite",
  addBand: "Adicionar faixa",
  removeBand: "Remover faixa",

  // Simulator
  simulator: "Simulador",
  simulatorHint: "Teste o rascunho como se fosse um lead. Nada é enviado nem salvo.",
  restart: "Reiniciar simulação",
  typeAnswer: "Digite uma resposta…",
  send: "Enviar",
  silence: "Simular falta de resposta",
  ended: "Conversa encerrada no simulador.",
  cannotSimulate: "Corrija os problemas de estrutura destacados para simular.",
  staleDraft: "A última alteração deixou o rascunho incompleto; o simulador segue a última versão legível.",
  path: "Caminho",
  score: "Pontuação",
  scoreOf: (score: number, min: number) => `${score} (mínimo para qualificar: ${min})`,
  effects: "Efeitos",
  noEffects: "Nenhum efeito ainda.",
  lead: "Lead",
  bot: "Assistente",
  statuses: { active: "Em andamento", completed: "Concluída", handed_off: "Com atendente", opted_out: "Descadastrado" },
  media: "[mídia]",
  timeoutInput: "[sem resposta]",

  // Effects, as the admin reads them
  effect: {
    scheduleTimeout: (question: string, seconds: number) => `Aguarda resposta a “${question}” por ${waitLength(seconds)}`,
    qualify: (score: number) => `Lead qualificado (pontuação ${score})`,
    notQualified: (score: number) => `Lead não qualificado (pontuação ${score}) — vai para nutrição`,
    handoff: (reason: string) => `Transferido para um atendente: ${reason}`,
    optOut: "Lead pediu para não receber mais mensagens",
    updateLead: (what: string) => `Dados do lead atualizados: ${what}`,
    duplicateEmail: (email: string) => `Verificar possível duplicidade do e-mail ${email}`,
    close: (reason: string) => `Conversa encerrada: ${reason}`,
    offerScheduling: (url: string) => `Link de agendamento oferecido: ${url}`,
    tag: (tag: string) => `Tag adicionada: ${tag}`,
    handoffReasons: {
      lead_requested: "o lead pediu um humano",
      invalid_answers: "respostas inválidas demais",
      timeout: "o lead parou de responder",
      qualified: "lead qualificado",
      not_qualified: "lead não qualificado",
      flow_error: "erro no fluxo",
    },
    closeReasons: { completed: "fluxo concluído", timeout: "o lead parou de responder" },
  },
};
