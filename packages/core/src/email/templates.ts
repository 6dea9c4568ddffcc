import type { TenantTheme } from "@vendaflow/validators/tenancy";
import { PLATFORM_BRAND } from "./sender";

export interface Brand {
  name: string;
  theme: TenantTheme;
}

// Each template writes a mail's words (sender.ts's MailContent); the sender's name is added where the
// mail is addressed (tenantMail, platformMail), never here.

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** One pt-BR layout for every mail, themed with the tenant's name, logo and primary colour. */
function layout(brand: Brand, title: string, body: string, action?: { label: string; url: string }) {
  const color = brand.theme.primaryColor;
  const logo = brand.theme.logoUrl ? `<img src="${esc(brand.theme.logoUrl)}" alt="" height="32" style="display:block;margin-bottom:12px">` : "";
  const button = action
    ? `<p><a href="${esc(action.url)}" style="background:${color};color:#fff;padding:10px 18px;border-radius:6px;text-decoration:none;display:inline-block">${esc(action.label)}</a></p><p style="font-size:12px;color:#666">Se o botão não funcionar, copie este endereço: ${esc(action.url)}</p>`
    : "";
  const html = `<!doctype html><html lang="pt-BR"><body style="font-family:Arial,sans-serif;color:#111;max-width:560px;margin:auto;padding:24px">
${logo}<h1 style="font-size:20px;color:${color}">${esc(title)}</h1>${body}${button}
<p style="font-size:12px;color:#666;border-top:1px solid #eee;padding-top:12px">${esc(brand.name)}</p></body></html>`;
  return html;
}

const plain = (lines: (string | undefined)[]) => lines.filter(Boolean).join("\n\n");


export function verifyEmailMail(brand: Brand, name: string, url: string) {
  const subject = `Confirme seu e-mail em ${brand.name}`;
  return {
    subject,
    html: layout(brand, "Confirme seu e-mail", `<p>Olá, ${esc(name)}! Confirme seu endereço para ativar sua conta. O link vale por 48 horas. Se não foi você quem criou a conta, ignore este e-mail.</p>`, { label: "Confirmar e-mail", url }),
    text: plain([`Olá, ${name}!`, "Confirme seu endereço para ativar sua conta (o link vale por 48 horas):", url, "Se não foi você quem criou a conta, ignore este e-mail."]),
  };
}

export function changeEmailMail(brand: Brand, name: string, url: string) {
  return {
    subject: `Confirme seu novo e-mail em ${brand.name}`,
    html: layout(brand, "Confirme seu novo e-mail", `<p>Olá, ${esc(name)}! Você pediu para usar este endereço na sua conta. Confirme para concluir a troca; o link vale por 24 horas e pode ser usado uma vez. Se não foi você, ignore este e-mail: nada muda.</p>`, { label: "Confirmar novo e-mail", url }),
    text: plain([`Olá, ${name}!`, "Você pediu para usar este endereço na sua conta. Confirme para concluir a troca (o link vale por 24 horas e pode ser usado uma vez):", url, "Se não foi você, ignore este e-mail: nada muda."]),
  };
}

/** To the address being replaced: a change it did not ask for is a sign the account is in other hands. */
export function emailChangeRequestedMail(brand: Brand, name: string, newEmail: string) {
  return {
    subject: `Pedido de troca do e-mail da sua conta em ${brand.name}`,
    html: layout(brand, "Troca de e-mail pedida", `<p>Olá, ${esc(name)}! Foi pedido que a sua conta passe a usar o e-mail <strong>${esc(newEmail)}</strong>. A troca só acontece quando esse endereço for confirmado. Se não foi você, altere sua senha agora e avise o administrador da conta.</p>`),
    text: plain([`Olá, ${name}!`, `Foi pedido que a sua conta passe a usar o e-mail ${newEmail}. A troca só acontece quando esse endereço for confirmado.`, "Se não foi você, altere sua senha agora e avise o administrador da conta."]),
  };
}

const TWO_FACTOR_NOTICE = {
  enabled: { title: "Verificação em duas etapas ativada", text: "A verificação em duas etapas foi ativada na sua conta: além da senha, o login pede o código do seu aplicativo autenticador.", warn: "Se não foi você, altere sua senha agora e avise o administrador da conta." },
  disabled: { title: "Verificação em duas etapas desativada", text: "A verificação em duas etapas foi desativada na sua conta: o login volta a pedir só a senha.", warn: "Se não foi você, altere sua senha agora e avise o administrador da conta." },
  reset: { title: "Verificação em duas etapas redefinida", text: "Um administrador redefiniu a verificação em duas etapas da sua conta e encerrou as suas sessões. Entre com a sua senha e ative-a de novo em Meu perfil.", warn: "Se você não pediu isso, avise outro administrador da conta." },
} as const;

/** To the user whose second factor changed: a change they did not make is a sign the account is in other hands. */
export function twoFactorChangedMail(brand: Brand, name: string, kind: keyof typeof TWO_FACTOR_NOTICE) {
  const n = TWO_FACTOR_NOTICE[kind];
  return twoFactorMail(brand, name, n.title, n.text, n.warn);
}

/** The same notice to a platform operator, from the platform: there is no account administrator to tell, but other operators. */
export function operatorTwoFactorChangedMail(name: string, kind: "enabled" | "disabled") {
  const n = TWO_FACTOR_NOTICE[kind];
  return twoFactorMail(PLATFORM_BRAND, name, `${n.title} no console do operador`, n.text, "Se não foi você, altere sua senha agora e avise outro operador da plataforma.");
}

function twoFactorMail(brand: Brand, name: string, title: string, text: string, warn: string) {
  return {
    subject: `${title} — ${brand.name}`,
    html: layout(brand, title, `<p>Olá, ${esc(name)}! ${esc(text)}</p><p>${esc(warn)}</p>`),
    text: plain([`Olá, ${name}!`, text, warn]),
  };
}

export function resetPasswordMail(brand: Brand, url: string) {
  return {
    subject: `Redefinição de senha — ${brand.name}`,
    html: layout(brand, "Redefinir senha", "<p>Recebemos um pedido para redefinir sua senha. O link vale por 1 hora e pode ser usado uma vez. Se não foi você, ignore este e-mail.</p>", { label: "Redefinir senha", url }),
    text: plain(["Recebemos um pedido para redefinir sua senha. O link vale por 1 hora e pode ser usado uma vez.", url, "Se não foi você, ignore este e-mail."]),
  };
}

export function inviteMail(brand: Brand, inviter: string, role: string, url: string) {
  return {
    subject: `Convite para ${brand.name}`,
    html: layout(brand, `Você foi convidado para ${brand.name}`, `<p>${esc(inviter)} convidou você como <strong>${esc(role)}</strong>. Defina sua senha para entrar. O convite vale por 7 dias.</p>`, { label: "Aceitar convite", url }),
    text: plain([`${inviter} convidou você para ${brand.name} como ${role}.`, "Defina sua senha para entrar (o convite vale por 7 dias):", url]),
  };
}

export function workspacesMail(workspaces: { name: string; url: string }[]) {
  const platform = PLATFORM_BRAND;
  const subject = "Seus espaços de trabalho no Vendaflow";
  if (workspaces.length === 0) {
    const text = "Não encontramos nenhum espaço de trabalho ativo para este e-mail. Se quiser, crie um novo no Vendaflow.";
    return { subject, html: layout(platform, "Seus espaços de trabalho", `<p>${text}</p>`), text };
  }
  const items = workspaces.map((w) => `<li><a href="${esc(w.url)}">${esc(w.name)}</a> — ${esc(w.url)}</li>`).join("");
  return {
    subject,
    html: layout(platform, "Seus espaços de trabalho", `<p>Encontramos estes espaços para o seu e-mail:</p><ul>${items}</ul>`),
    text: plain(["Encontramos estes espaços para o seu e-mail:", ...workspaces.map((w) => `${w.name}: ${w.url}`)]),
  };
}

/** LGPD request: the one-time code that confirms the requester controls the e-mail on file. */
export function privacyCodeMail(brand: Brand, code: string, minutes: number) {
  return {
    subject: `Código de confirmação do seu pedido de privacidade — ${brand.name}`,
    html: layout(brand, "Confirme seu pedido (LGPD)", `<p>Use este código para confirmar seu pedido sobre seus dados pessoais:</p><p style="font-size:28px;letter-spacing:6px;font-weight:bold">${esc(code)}</p><p>Ele vale por ${minutes} minutos. Se não foi você, ignore este e-mail.</p>`),
    text: plain(["Use este código para confirmar seu pedido sobre seus dados pessoais:", code, `Ele vale por ${minutes} minutos. Se não foi você, ignore este e-mail.`]),
  };
}

/** LGPD request: the protocol and deadline after confirmation, or the answer when it is closed. */
export function privacyRequestMail(brand: Brand, title: string, lines: string[]) {
  return {
    subject: `${title} — ${brand.name}`,
    html: layout(brand, title, lines.map((l) => `<p>${esc(l)}</p>`).join("")),
    text: plain(lines),
  };
}

/** A notice to a tenant's admins (billing, a webhook disabled…): title, lines and one action. */
export function noticeMail(brand: Brand, notice: { title: string; lines: string[]; action: { label: string; url: string } }) {
  return {
    subject: `${notice.title} — ${brand.name}`,
    html: layout(brand, notice.title, notice.lines.map((l) => `<p>${esc(l)}</p>`).join(""), notice.action),
    text: plain([...notice.lines, notice.action.url]),
  };
}

/** One line of the notification e-mail: what happened, whom or what it is about, where it opens. */
export interface DigestLine {
  label: string;
  name: string | null;
  url: string | null;
}

/**
 * The notifications a person left unread in the bell (notifications/email-digest.ts): one e-mail
 * listing them, each with its link, and where to turn them off.
 */
export function notificationDigestMail(brand: Brand, person: string, lines: DigestLine[], profileUrl: string) {
  const n = lines.length;
  const count = n === 1 ? "1 notificação" : `${n} notificações`;
  // White-label: the workspace's name, never the platform's, in a mail to its team.
  const subject = `${count} em ${brand.name}`;
  const intro = n === 1 ? `Você tem uma notificação não lida em ${brand.name}:` : `Você tem ${n} notificações não lidas em ${brand.name}:`;
  const text = (l: DigestLine) => (l.name ? `${l.label}: ${l.name}` : l.label);
  const items = lines
    .map((l) => {
      const label = l.url ? `<a href="${esc(l.url)}">${esc(l.label)}</a>` : esc(l.label);
      return `<li style="margin-bottom:6px">${label}${l.name ? ` — ${esc(l.name)}` : ""}</li>`;
    })
    .join("");
  const footer = "Para escolher quais notificações chegam por e-mail, acesse Meu perfil";
  return {
    subject,
    html: layout(brand, count, `<p>Olá, ${esc(person)}! ${esc(intro)}</p><ul>${items}</ul><p style="font-size:12px;color:#666">${esc(footer)}: <a href="${esc(profileUrl)}">${esc(profileUrl)}</a></p>`),
    text: plain([`Olá, ${person}! ${intro}`, lines.map((l) => (l.url ? `- ${text(l)}\n  ${l.url}` : `- ${text(l)}`)).join("\n"), `${footer}: ${profileUrl}`]),
  };
}
