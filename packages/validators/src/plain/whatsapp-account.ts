// What Meta said of a platform-app WhatsApp number (core/whatsapp/account-update.ts, token-revoked.ts),
// as plain values (no zod): the delivery error (core) and the inbox card (web catalog) read the same
// pt-BR words from here, and the /inboxes page's bundle stays free of zod. inbox.ts builds the schemas.

/** Why the platform can no longer send for a number (settings.waDisconnected.reason). */
export const WA_DISCONNECT_REASONS = ["partner_removed", "account_deleted", "banned", "offboarded", "token_revoked"] as const;
export type WaDisconnectReason = (typeof WA_DISCONNECT_REASONS)[number];

/** The delivery error's and the card's pt-BR words for each reason. */
export const WA_DISCONNECTED_TEXT: Record<WaDisconnectReason, string> = {
  partner_removed: "A Meta informou que a empresa removeu o acesso da plataforma a esta conta do WhatsApp Business; reconecte com a Meta para voltar a enviar.",
  account_deleted: "A Meta informou que esta conta do WhatsApp Business foi excluída; reconecte com a Meta usando uma conta ativa.",
  banned: "A Meta desativou esta conta do WhatsApp Business por violação das políticas; nada é enviado até a Meta reativá-la.",
  offboarded: "A Meta desconectou este número da API (troca de aparelho ou novo registro do número); nada é enviado até ele ser reconectado.",
  token_revoked: "A Meta revogou o acesso deste número. Reconecte com a Meta.",
};

/** The reasons a new Embedded Signup ends (a new business token): the card offers "Reconectar com a Meta". */
export const WA_RECONNECT_REASONS: readonly WaDisconnectReason[] = ["partner_removed", "account_deleted", "token_revoked"];

/**
 * Meta's ACCOUNT_VIOLATION / ACCOUNT_RESTRICTION (settings.waRestriction): a warning, not a
 * disconnection (Meta refuses per message what the restriction forbids). `restrictions` are
 * restriction_info's entries, `expiresAt` an ISO time when Meta gave one.
 */
export interface WaRestriction {
  event: string;
  at: string;
  violationType?: string;
  restrictions: { type: string; expiresAt?: string }[];
}

/**
 * What of a stored restriction still holds at `now` (display side: Meta sends no event when one
 * expires): its unexpired restrictions; a violation alone until a restriction it led to expires. Null
 * when nothing is left to show.
 */
export function activeRestriction(r: WaRestriction | undefined, now: Date): WaRestriction | null {
  if (!r) return null;
  const live = r.restrictions.filter((x) => !x.expiresAt || Date.parse(x.expiresAt) > now.getTime());
  if (live.length) return { ...r, restrictions: live };
  return r.restrictions.length === 0 && r.violationType !== undefined ? r : null;
}
