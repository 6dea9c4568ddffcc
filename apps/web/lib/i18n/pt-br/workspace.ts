// pt-BR strings of the dashboard's home page. The workspace's other pages have files of their own
// (workspace-users, -settings, -profile, -audit, operator), so each route carries only its texts.
export const dashboard = { title: "Painel", welcome: "Olá" };
