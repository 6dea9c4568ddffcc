import { flowSchema, optionSchema, stepSchema, validateFlow, type Flow, type FlowIssue } from "@vendaflow/validators/flow";
import { FLOW_ISSUE } from "@vendaflow/validators/plain/flow";
import { z } from "zod";

// Pure (browser-safe): the editor checks the draft live with this and the server checks it again
// before saving or publishing, so both show the same pt-BR issues, each naming its step.

/** Flow-level issues (name, min score, outcomes…) carry this stepId (defined with the flow's plain values). */
export { FLOW_ISSUE };

// The 20-character label limit is left to validateFlow, whose message names the step and option.
const lenientOption = optionSchema.extend({ label: z.string().trim().min(1) });
const lenientStep = stepSchema.extend({ options: z.array(lenientOption).optional() });
const lenientFlow = flowSchema.extend({ steps: z.array(lenientStep).min(1) });

const FIELD_NAMES: Record<string, string> = {
  id: "id",
  name: "nome",
  kind: "tipo",
  question: "pergunta",
  field: "campo BANT",
  label: "rótulo",
  text: "texto completo",
  score: "pontuação",
  keyword: "palavra-chave",
  keywords: "palavras-chave",
  options: "opções",
  bands: "faixas de valores",
  boundary: "regra de limite",
  ranges: "faixas",
  optionId: "opção",
  min: "mínimo",
  max: "máximo",
  next: "próxima etapa",
  nextByOption: "desvio por opção",
  timeoutSeconds: "tempo limite",
  invalidAnswerLimit: "limite de respostas inválidas",
  skippable: "pode pular",
  version: "versão",
  minScore: "pontuação mínima",
  startStep: "etapa inicial",
  steps: "etapas",
  outcomes: "resultados",
  qualified: "qualificado",
  notQualified: "não qualificado",
  message: "mensagem",
  action: "ação",
  tags: "tags",
  schedulingUrl: "URL de agendamento",
  timeoutFallback: "ação após o tempo limite",
};

const ITEM_NAMES: Record<string, string> = { options: "opção", keywords: "palavra-chave", ranges: "faixa", tags: "tag" };

/** The names above that are feminine: "a pergunta é obrigatória", "o nome é obrigatório". */
const FEMININE = new Set(["pergunta", "pontuação", "palavra-chave", "regra de limite", "opção", "próxima etapa", "versão", "pontuação mínima", "etapa inicial", "mensagem", "ação", "URL de agendamento", "ação após o tempo limite", "faixa", "tag"]);

/** Each named part of a path: its noun ("opção") and how the path shows it ("opção 3"). */
function pathParts(path: PropertyKey[]): { noun: string; label: string }[] {
  const parts: { noun: string; label: string }[] = [];
  for (let i = 0; i < path.length; i++) {
    const key = path[i];
    const next = path[i + 1];
    if (typeof key === "number") continue;
    const item = typeof next === "number" ? ITEM_NAMES[String(key)] : undefined;
    if (item) parts.push({ noun: item, label: `${item} ${(next as number) + 1}` });
    else {
      const name = FIELD_NAMES[String(key)] ?? String(key);
      parts.push({ noun: name, label: name });
    }
  }
  return parts;
}

const describePath = (path: PropertyKey[]) => pathParts(path).map((p) => p.label).join(", ");

/** Whether the field a path ends at is named by a feminine noun. */
const isFeminine = (path: PropertyKey[]) => FEMININE.has(pathParts(path).at(-1)?.noun ?? "");

function describeProblem(issue: z.core.$ZodIssue, path: PropertyKey[]): string {
  const required = isFeminine(path) ? "é obrigatória" : "é obrigatório";
  switch (issue.code) {
    case "too_small":
      if (issue.origin === "string") return required;
      if (issue.origin === "array") return "precisa de pelo menos um item";
      return `deve ser no mínimo ${String(issue.minimum)}`;
    case "too_big":
      return issue.origin === "string" ? `deve ter no máximo ${String(issue.maximum)} caracteres` : `deve ser no máximo ${String(issue.maximum)}`;
    case "invalid_type":
      if (issue.input === undefined || issue.input === null || issue.input === "") return required;
      return issue.expected === "int" || issue.expected === "number" ? "deve ser um número inteiro" : "valor inválido";
    case "invalid_format":
      return issue.message;
    case "invalid_value":
      return "escolha uma das opções";
    default:
      return "valor inválido";
  }
}

function stepIdAt(raw: unknown, index: number): string {
  const steps = (raw as { steps?: unknown } | null)?.steps;
  const id = Array.isArray(steps) ? (steps[index] as { id?: unknown } | undefined)?.id : undefined;
  return typeof id === "string" && id ? id : `#${index + 1}`;
}

/** Structural (zod) problems as flow issues: a problem inside steps[i] names that step. */
export function structureIssues(raw: unknown, error: z.ZodError): FlowIssue[] {
  return error.issues.map((issue) => {
    const [head, index, ...rest] = issue.path;
    if (head === "steps" && typeof index === "number") {
      const stepId = stepIdAt(raw, index);
      const where = describePath(rest);
      return { stepId, message: `Etapa "${stepId}": ${where ? `${where} ` : ""}${describeProblem(issue, rest)}.` };
    }
    const where = describePath(issue.path);
    return { stepId: FLOW_ISSUE, message: `Configurações do fluxo: ${where ? `${where} ` : ""}${describeProblem(issue, issue.path)}.` };
  });
}

export interface DraftCheck {
  /** The draft read as a flow (null when its structure is broken); runnable by the engine even with issues. */
  flow: Flow | null;
  /** Empty = can be saved and published. */
  issues: FlowIssue[];
}

/** Reads an edited flow: structure first, then validateFlow's graph and content rules. */
export function checkDraft(raw: unknown): DraftCheck {
  const parsed = lenientFlow.safeParse(raw);
  if (!parsed.success) return { flow: null, issues: structureIssues(raw, parsed.error) };
  const flow: Flow = parsed.data;
  const issues = validateFlow(flow);
  if (issues.length) return { flow, issues };
  // Lenient parsing only defers the label limit to validateFlow; the real schema must agree.
  const strict = flowSchema.safeParse(raw);
  return strict.success ? { flow: strict.data, issues: [] } : { flow, issues: structureIssues(raw, strict.error) };
}

/** Issues grouped by the step they name (flow-level ones under FLOW_ISSUE). */
export function issuesByStep(issues: FlowIssue[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const { stepId, message } of issues) map.set(stepId, [...(map.get(stepId) ?? []), message]);
  return map;
}
