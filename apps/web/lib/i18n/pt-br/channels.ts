/** pt-BR names of the channels (badges on conversation lists and pages); ./inboxes includes them. */
export const channels = { web: "Site", whatsapp: "WhatsApp", api: "API" };
