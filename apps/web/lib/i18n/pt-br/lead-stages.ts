// A lead's stage, named by the conversation pages (./conversations) and the lead list and page: kept
// in one small module so the lead pages' bundles do not carry the conversations' catalog.
export const leadStageLabels = { new: "Novo", qualified: "Qualificado", nurture: "Nutrição", converted: "Convertido" };
