// Meu perfil's "Notificações por e-mail" card (the kinds' names come from notification-kinds.ts).
export const notificationEmails = {
  title: "Notificações por e-mail",
  hint: "Uma notificação que ficar 10 minutos sem ser lida no sino chega por e-mail, junto com as outras pendentes. Escolha quais tipos você quer receber.",
  saved: "Preferência salva.",
  allOff: "Nenhum tipo marcado: você não receberá notificações por e-mail.",
};
