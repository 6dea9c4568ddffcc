import { z } from "zod";

/** The fields of a violation worth keeping; URLs cut to origin + path (queries may carry personal data). */
export interface CspViolation {
  documentPath: string;
  directive: string;
  blocked: string;
  disposition: string;
  source: string | null;
}

const str = z.string().max(2048).optional();
// report-uri: { "csp-report": { "document-uri", "violated-directive", "effective-directive", "blocked-uri", "disposition", "source-file", "line-number" } }
const legacy = z.object({ "csp-report": z.object({ "document-uri": str, "violated-directive": str, "effective-directive": str, "blocked-uri": str, disposition: str, "source-file": str, "line-number": z.number().optional() }) });
// Reporting API: [{ type: "csp-violation", body: { documentURL, effectiveDirective, blockedURL, disposition, sourceFile, lineNumber } }]
const reporting = z.array(z.object({ type: z.string().max(64), body: z.object({ documentURL: str, effectiveDirective: str, blockedURL: str, disposition: str, sourceFile: str, lineNumber: z.number().optional() }) })).max(100);

function trimUrl(u: string | undefined): string {
  if (!u) return "";
  try {
    const url = new URL(u);
    return `${url.origin}${url.pathname}`;
  } catch {
    return u.slice(0, 64); // "inline", "eval", "trusted-types-sink" …
  }
}

const where = (file: string | undefined, line: number | undefined) => (file ? `${trimUrl(file)}${line ? `:${line}` : ""}` : null);

/** The violations in a report body of either format; null when it is neither. */
export function parseCspReport(body: unknown): CspViolation[] | null {
  const a = legacy.safeParse(body);
  if (a.success) {
    const r = a.data["csp-report"];
    return [{ documentPath: trimUrl(r["document-uri"]), directive: r["effective-directive"] ?? r["violated-directive"] ?? "", blocked: trimUrl(r["blocked-uri"]), disposition: r.disposition ?? "enforce", source: where(r["source-file"], r["line-number"]) }];
  }
  const b = reporting.safeParse(body);
  if (b.success) {
    return b.data
      .filter((r) => r.type === "csp-violation")
      .map(({ body: r }) => ({ documentPath: trimUrl(r.documentURL), directive: r.effectiveDirective ?? "", blocked: trimUrl(r.blockedURL), disposition: r.disposition ?? "enforce", source: where(r.sourceFile, r.lineNumber) }));
  }
  return null;
}
