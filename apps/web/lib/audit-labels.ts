import { auditActions, auditAreas, auditEntities } from "@/lib/i18n/pt-br/audit-log";

// Own keys only: a code such as "constructor" must not pick up Object.prototype's.
const lookup = (names: Record<string, string>, key: string) => (Object.hasOwn(names, key) ? names[key]! : key);

/** An audit action's name ("deal.create" → "Negócio criado"); a code without one (older rows) shows as-is. */
export const auditActionLabel = (code: string) => lookup(auditActions, code);

/** An audit row's entity type by name ("deal" → "Negócio"), or the type itself when unnamed. */
export const auditEntityLabel = (type: string) => lookup(auditEntities, type);

export interface AuditOptionGroup {
  label: string;
  options: { value: string; label: string }[];
}

const byLabel = (a: { label: string }, b: { label: string }) => a.label.localeCompare(b.label, "pt-BR");

/**
 * The action filter's options: every named code, grouped by area (the code's prefix) and sorted by
 * name. The option's value stays the code, which is what audit.list filters on.
 */
export function auditActionGroups(): AuditOptionGroup[] {
  const groups = new Map<string, AuditOptionGroup>();
  for (const [value, label] of Object.entries(auditActions)) {
    const area = lookup(auditAreas, value.split(".")[0]!);
    const group = groups.get(area) ?? { label: area, options: [] };
    group.options.push({ value, label });
    groups.set(area, group);
  }
  return [...groups.values()].map((g) => ({ ...g, options: g.options.sort(byLabel) })).sort(byLabel);
}

/** The entity filter's options, sorted by name; the value is the entity type. */
export const auditEntityOptions = () => Object.entries(auditEntities).map(([value, label]) => ({ value, label })).sort(byLabel);
