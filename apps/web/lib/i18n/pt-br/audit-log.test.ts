import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { auditActions, auditAreas, auditEntities } from "./audit-log";

// AuditEntry.action and .entityType are plain strings (packages/core/src/audit/record.ts), so the
// compiler cannot tell when core writes a code the audit page has no name for. This reads every
// recordAudit/recordAudits call in core and fails on a written code or entity type without a name.

const core = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../../../packages/core/src");

/**
 * Values built from variables, which the scan cannot read, keyed by "<file under core>: <expression>".
 * A new dynamic code fails the test ("cannot read") until its values are listed here.
 */
const dynamic: Record<string, string[]> = {
  // bulk.ts handles leads in bulkLeads (lead.tag, lead.stage, literal there) before these lines.
  "crm/bulk.ts: `${entity}.assign`": ["company.assign", "contact.assign", "deal.assign"],
  "crm/bulk.ts: `${entity}.tag`": ["company.tag", "contact.tag", "deal.tag"],
  "crm/bulk.ts: `${entity}.delete`": ["company.delete", "contact.delete", "deal.delete"],
  "crm/bulk.ts: entity": ["company", "contact", "deal"],
  "crm-sync/apply.ts: entity": ["lead", "deal"],
  "crm-sync/sync.ts: item.entity_type": ["lead", "deal"],
  "privacy/incidents.ts: `privacy.incident_${input.notified}_notified`": ["privacy.incident_anpd_notified", "privacy.incident_subjects_notified"],
  // event(a, id, kind) in agent-actions.ts; the last test checks this list against its calls.
  "conversations/agent-actions.ts: `conversation.${kind}`": ["conversation.takeover", "conversation.hand_back", "conversation.assigned", "conversation.unassigned", "conversation.resolved", "conversation.reopened"],
};

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return sourceFiles(p);
    return p.endsWith(".ts") && !p.endsWith(".test.ts") ? [p] : [];
  });

/** The strings an expression can be: literals, conditionals of them, templates over them; null if unreadable. */
function literalValues(e: ts.Expression): string[] | null {
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return [e.text];
  if (ts.isParenthesizedExpression(e)) return literalValues(e.expression);
  if (ts.isConditionalExpression(e)) {
    const [a, b] = [literalValues(e.whenTrue), literalValues(e.whenFalse)];
    return a && b ? [...a, ...b] : null;
  }
  if (ts.isTemplateExpression(e)) {
    let acc = [e.head.text];
    for (const span of e.templateSpans) {
      const v = literalValues(span.expression);
      if (!v) return null;
      acc = acc.flatMap((x) => v.map((y) => x + y + span.literal.text));
    }
    return acc;
  }
  return null;
}

const parse = (file: string) => ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);

function scanCore() {
  const written = { action: new Set<string>(), entityType: new Set<string>() };
  const unreadable: string[] = [];
  let calls = 0;
  for (const file of sourceFiles(core)) {
    const sf = parse(file);
    const rel = path.relative(core, file).split(path.sep).join("/");
    const read = (key: "action" | "entityType", e: ts.Expression) => {
      const where = `${rel}: ${e.getText(sf)}`;
      const v = literalValues(e) ?? dynamic[where];
      if (v) v.forEach((x) => written[key].add(x));
      else unreadable.push(where);
    };
    // An entry is an object literal with both keys, anywhere in the call's entry argument (a bulk
    // write maps ids to entries); objects nested in before/after lack entityType and are skipped.
    const entries = (n: ts.Node) => {
      if (ts.isObjectLiteralExpression(n)) {
        const props = new Map(n.properties.filter((p) => p.name && ts.isIdentifier(p.name)).map((p) => [(p.name as ts.Identifier).text, p]));
        const action = props.get("action");
        const entityType = props.get("entityType");
        if (action && entityType) {
          for (const [key, p] of [["action", action], ["entityType", entityType]] as const) {
            if (ts.isPropertyAssignment(p)) read(key, p.initializer);
            else unreadable.push(`${rel}: ${p.getText(sf)}`);
          }
        }
      }
      ts.forEachChild(n, entries);
    };
    const visit = (n: ts.Node) => {
      if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && /^recordAudits?$/.test(n.expression.text) && !rel.startsWith("audit/")) {
        calls++;
        const entry = n.arguments[3];
        if (entry && (ts.isObjectLiteralExpression(entry) || ts.isCallExpression(entry))) entries(entry);
        else unreadable.push(`${rel}: ${n.getText(sf).slice(0, 120)}`);
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return { written, unreadable, calls };
}

const scan = scanCore();

describe("audit log names (pt-BR)", () => {
  it("reads every recordAudit call in core", () => {
    // A scan that stops finding calls (a renamed writer, a moved folder) must not pass silently.
    expect(scan.calls).toBeGreaterThan(100);
    expect(scan.written.action).toContain("deal.create");
    expect(scan.written.action).toContain("auth.login");
    expect(scan.unreadable, "audit codes built from variables: list their values in `dynamic`").toEqual([]);
  });

  it("names every action code core writes", () => {
    expect([...scan.written.action].filter((code) => !Object.hasOwn(auditActions, code))).toEqual([]);
  });

  it("names every entity type core writes", () => {
    expect([...scan.written.entityType].filter((type) => !Object.hasOwn(auditEntities, type))).toEqual([]);
  });

  it("groups every named action under an area", () => {
    expect(Object.keys(auditActions).filter((code) => !Object.hasOwn(auditAreas, code.split(".")[0]!))).toEqual([]);
  });

  it("lists every conversation event agent-actions.ts audits", () => {
    const sf = parse(path.join(core, "conversations/agent-actions.ts"));
    const kinds = new Set<string>();
    const visit = (n: ts.Node) => {
      if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === "event" && n.arguments[2]) {
        const v = literalValues(n.arguments[2]);
        expect(v, n.getText(sf)).not.toBeNull();
        v!.forEach((k) => kinds.add(`conversation.${k}`));
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
    expect([...kinds].sort()).toEqual([...dynamic["conversations/agent-actions.ts: `conversation.${kind}`"]!].sort());
  });
});
