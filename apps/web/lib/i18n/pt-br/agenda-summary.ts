/** The dashboard's line about the person's activities (components/dashboard/agenda-summary.tsx), apart from agenda.ts so the dashboard carries only this. */
export const agendaSummary = {
  lead: "Suas atividades:",
  overdue: (n: number) => (n === 1 ? "1 atrasada" : `${n} atrasadas`),
  and: " e ",
  today: (n: number) => (n === 1 ? "1 para hoje" : `${n} para hoje`),
  open: "Ver atividades",
};
