/**
 * A published flow's definition small enough for dashboard tests: the lead's name, then a budget.
 * Inserted as is into qualification_flows by tests that need a flow without running the editor.
 */
export const NAME_AND_BUDGET_FLOW = {
  name: "BANT",
  version: 1,
  startStep: "name",
  steps: [
    { id: "name", kind: "contact_name", question: "Qual é o seu nome?", next: "budget" },
    { id: "budget", kind: "number", question: "Qual é o orçamento?", next: null },
  ],
  outcomes: { qualified: { message: "Obrigado!", action: "handoff", tags: [] }, notQualified: { message: "Obrigado!", action: "close", tags: [] } },
  timeoutFallback: "close",
};
