// lead-score.ts's plain values (no zod): what client components import, so their bundles stay free of zod.
// lead-score.ts re-exports them; the schemas there are built from them.

export const leadScoreFactKinds = ["bant", "messages", "replies", "meetings", "company_size", "custom_field"] as const;

/** One fact of a lead's score, as leadScoreFactSchema (lead-score.ts) parses it. */
export interface PlainLeadScoreFact {
  kind: (typeof leadScoreFactKinds)[number];
  key: string;
  points: number;
  reason: string;
}

/**
 * A stored facts list (leads.lead_score_facts) read without zod, for the browser: what
 * `z.array(leadScoreFactSchema).safeParse(value)` gives (only the four keys of each fact), or
 * null where it fails. lead-score.test.ts holds the two to the same answers.
 */
export function leadScoreFacts(value: unknown): PlainLeadScoreFact[] | null {
  if (!Array.isArray(value)) return null;
  const out: PlainLeadScoreFact[] = [];
  for (const f of value as unknown[]) {
    if (!f || typeof f !== "object") return null;
    const { kind, key, points, reason } = f as Record<string, unknown>;
    if (!(leadScoreFactKinds as readonly unknown[]).includes(kind) || typeof key !== "string" || !Number.isSafeInteger(points) || typeof reason !== "string") return null;
    out.push({ kind: kind as PlainLeadScoreFact["kind"], key, points: points as number, reason });
  }
  return out;
}
