import type { TenantTx } from "@vendaflow/db/with-tenant";
import { numberOf } from "../conversations/whatsapp-number";
import type { AppDeps } from "../deps";
import { DomainError } from "../errors";
import { getInbox } from "../inboxes/inboxes";
import type { PhoneNumberProfile } from "../ports/messaging";
import { metaProblem } from "./number-verification";
import { markTokenRevoked, revokedBusinessToken } from "./token-revoked";
import type { AfterCommit } from "../after-commit";
import type { AuditMeta } from "../audit/record";

/**
 * What Meta said of the inbox's number and token ("Testar conexão"). Creation asked once
 * (number-verification.ts); this says whether the token still opens this phone_number_id.
 * `problem`: token (Meta's 190: invalid or expired), number (100: the id does not exist or the
 * token cannot see it), unreachable (no answer), other (Meta's own words in `detail`).
 */
export type ConnectionCheck =
  | { ok: true; profile: PhoneNumberProfile }
  | { ok: false; problem: "token" | "number" | "unreachable" | "other"; detail: string };

export async function checkWhatsAppConnection(
  deps: Pick<AppDeps, "whatsapp" | "encryptionKey" | "platformWhatsApp">,
  tx: TenantTx,
  inboxId: string,
  o: { tenantId: string; meta: AuditMeta; at: Date; after?: AfterCommit },
): Promise<ConnectionCheck> {
  const inbox = await getInbox(tx, inboxId);
  const number = numberOf(deps, inbox);
  if (!number) throw new DomainError("BAD_REQUEST", "Só caixas de entrada do WhatsApp se conectam à Meta.", { field: "inboxId" });
  try {
    return { ok: true, profile: await deps.whatsapp.phoneNumber(number) };
  } catch (err) {
    // 190 on the business token: the business revoked us; the card then says so (token-revoked.ts).
    const token = revokedBusinessToken(deps, inbox, err);
    if (token) await markTokenRevoked(tx, deps, o.tenantId, inboxId, token, o);
    return { ok: false, problem: metaProblem(err), detail: (err instanceof Error ? err.message : String(err)).slice(0, 500) };
  }
}
