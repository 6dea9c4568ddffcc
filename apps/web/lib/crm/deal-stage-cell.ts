/**
 * Whether the deal list's stage cell adds the status badge: not when the stage already says it
 * (a won deal in the "Ganho" stage read "Ganho Ganho").
 */
export const statusBadgeAddsInfo = (stageName: string, statusLabel: string) =>
  stageName.trim().toLocaleLowerCase("pt-BR") !== statusLabel.trim().toLocaleLowerCase("pt-BR");
