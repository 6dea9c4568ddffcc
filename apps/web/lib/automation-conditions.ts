// The automation editor's conditions in pt-BR: which fields a trigger offers (with their labels),
// how each field's value is edited (money in BRL stored as cents, codes picked by their pt-BR
// labels, numbers as numbers) and which operators make sense for it. The stored shape stays
// { field, op, value } with the codes and cents the run compares (core/automations/conditions.ts).
import { dealStatuses, leadSources, leadStages } from "@vendaflow/validators/plain/crm";
import { conditionOps, numericConditionFields, triggerEntity, type automationTriggers } from "@vendaflow/validators/plain/automations";
import { meetingOutcomes } from "@vendaflow/validators/plain/scheduling";
import { automations as automationsText } from "@/lib/i18n/pt-br/automations";
import { crm as crmText } from "@/lib/i18n/pt-br/crm";
import { crmLeads } from "@/lib/i18n/pt-br/crm-leads";
import { leadStageLabels } from "@/lib/i18n/pt-br/lead-stages";
import { scheduling as schedulingText } from "@/lib/i18n/pt-br/scheduling";
import { centsToInput, parseBrl } from "@/lib/money";

type Trigger = (typeof automationTriggers)[number];
type Op = (typeof conditionOps)[number];
export type ConditionValue = string | number | boolean | null;

/** How a field's value is edited: money (cents), a number, one of a few options, free text, a list. */
export type ValueKind = "money" | "number" | "choice" | "text" | "list";
export interface ConditionOption {
  value: string | boolean;
  label: string;
}
export interface ConditionField {
  field: string;
  label: string;
  kind: ValueKind;
  options?: ConditionOption[];
}
export interface CustomFieldView {
  id: string;
  entity_type: string;
  label: string;
  field_type: string;
  options: unknown;
}

const f = automationsText.conditionFields;
const codes = (values: readonly string[], labels: Record<string, string>): ConditionOption[] => values.map((v) => ({ value: v, label: labels[v] ?? v }));
const names = (values: string[]): ConditionOption[] => [...new Set(values)].map((v) => ({ value: v, label: v }));

/**
 * The fields a trigger's conditions can test, in the order offered: the entity's own fields, the
 * event's (previous score, stages of a move, loss reason, meeting outcome), then its custom fields.
 * Stage and loss-reason names come from the tenant's pipelines (what the run compares is the name).
 */
export function conditionFields(trigger: Trigger, custom: CustomFieldView[], names_: { stages?: string[]; lostReasons?: string[] } = {}): ConditionField[] {
  const entity = triggerEntity[trigger];
  const stageNames = names(names_.stages ?? []);
  const out: ConditionField[] =
    entity === "lead"
      ? [
          { field: "score", label: f.score, kind: numericConditionFields.score },
          ...(trigger === "score_changed" ? [{ field: "previous_score", label: f.previous_score, kind: numericConditionFields.previous_score }] : []),
          { field: "bant_score", label: f.bant_score, kind: numericConditionFields.bant_score },
          { field: "source", label: f.source, kind: "choice", options: codes(leadSources, crmLeads.sources) },
          { field: "stage", label: f.leadStage, kind: "choice", options: codes(leadStages, leadStageLabels) },
          { field: "tags", label: f.tags, kind: "list" },
          { field: "name", label: f.name, kind: "text" },
          { field: "email", label: f.email, kind: "text" },
          { field: "company", label: f.company, kind: "text" },
          ...(trigger === "meeting_outcome" ? [{ field: "outcome", label: f.outcome, kind: "choice" as const, options: codes(meetingOutcomes, schedulingText.meetings.outcomes) }] : []),
        ]
      : [
          { field: "value_cents", label: f.value_cents, kind: numericConditionFields.value_cents },
          { field: "status", label: f.status, kind: "choice", options: codes(dealStatuses, crmText.deals.status) },
          { field: "stage", label: f.dealStage, kind: "choice", options: stageNames },
          { field: "probability", label: f.probability, kind: numericConditionFields.probability },
          { field: "tags", label: f.tags, kind: "list" },
          { field: "title", label: f.title, kind: "text" },
          { field: "from_stage", label: f.from_stage, kind: "choice", options: stageNames },
          { field: "to_stage", label: f.to_stage, kind: "choice", options: stageNames },
          ...(trigger === "deal_lost" ? [{ field: "lost_reason", label: f.lost_reason, kind: "choice" as const, options: names(names_.lostReasons ?? []) }] : []),
        ];
  for (const cf of custom.filter((c) => c.entity_type === entity)) out.push(customConditionField(cf));
  return out;
}

function customConditionField(cf: CustomFieldView): ConditionField {
  const field = `custom.${cf.id}`;
  const options = Array.isArray(cf.options) ? (cf.options as string[]) : [];
  switch (cf.field_type) {
    case "currency":
      return { field, label: cf.label, kind: "money" };
    case "number":
      return { field, label: cf.label, kind: "number" };
    case "boolean":
      return { field, label: cf.label, kind: "choice", options: [{ value: true, label: crmText.yes }, { value: false, label: crmText.no }] };
    case "select":
      return { field, label: cf.label, kind: "choice", options: names(options) };
    case "multiselect":
      return { field, label: cf.label, kind: "list", options: names(options) };
    default:
      return { field, label: cf.label, kind: "text" };
  }
}

/** A saved condition's field the list does not offer (another trigger's, an archived custom field): kept as it is. */
export const unknownField = (field: string): ConditionField => ({ field, label: field, kind: "text" });

/** The operators that make sense for a kind of value. */
export function opsFor(kind: ValueKind): Op[] {
  switch (kind) {
    case "money":
    case "number":
      return ["eq", "neq", "gt", "gte", "lt", "lte", "is_set", "not_set"];
    case "choice":
      return ["eq", "neq", "is_set", "not_set"];
    case "list":
      return ["contains", "is_set", "not_set"];
    default:
      return ["eq", "neq", "contains", "is_set", "not_set"];
  }
}

/** What a money or number editor shows for a stored value: cents 500000 → "5.000,00". */
export function valueText(kind: ValueKind, v: ConditionValue): string {
  if (v === null) return "";
  if (kind === "money" && typeof v === "number") return centsToInput(v);
  if (kind === "number" && typeof v === "number") return String(v).replace(".", ",");
  return String(v);
}

/**
 * What is stored for what was typed: money in cents ("5.000,00" → 500000), numbers as numbers
 * ("7,5" → 7.5). Text that is not an amount stays text: the server refuses it with a pt-BR message.
 */
export function parseValue(kind: ValueKind, text: string): ConditionValue {
  const s = text.trim();
  if (s === "") return null;
  if (kind === "money") return parseBrl(s) ?? s;
  if (kind === "number") {
    const n = s.includes(",") ? Number(s.replace(/\./g, "").replace(",", ".")) : Number(s);
    return Number.isFinite(n) ? n : s;
  }
  return text;
}

/** The option a stored value is (text codes compare ignoring case, as the run does). */
export function optionIndex(options: ConditionOption[], v: ConditionValue): number {
  return options.findIndex((o) => (typeof o.value === "string" && typeof v === "string" ? o.value.toLowerCase() === v.toLowerCase() : o.value === v));
}
