import type { leadStages } from "@vendaflow/validators/plain/crm";

// A lead's stage, named by the conversation's lead card and the lead list and page: one small module,
// so none of those bundles carries another page's catalog for four names.
export const leadStageLabels = { new: "Novo", qualified: "Qualificado", nurture: "Nutrição", converted: "Convertido" } satisfies Record<(typeof leadStages)[number], string>;

/** The one way to name a stored stage; one this list does not know shows as stored. */
export const leadStageLabel = (s: string) => leadStageLabels[s as keyof typeof leadStageLabels] ?? s;
