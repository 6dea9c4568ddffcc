import type { AppDeps } from "../deps";
import { DomainError } from "../errors";
import type { PhoneNumberProfile } from "../ports/messaging";
import { tokenOf } from "./token";

/**
 * Which part Meta refused, from the adapter's error: 190 the token, 100 the id (the number or WABA
 * does not exist, or the token cannot see it), no HTTP answer at all "unreachable".
 */
export function metaProblem(err: unknown): "token" | "number" | "unreachable" | "other" {
  const { code, status } = (err ?? {}) as { code?: unknown; status?: unknown };
  if (code === 190) return "token";
  if (code === 100) return "number";
  if (status === undefined || status === 0) return "unreachable";
  return "other";
}

const UNREACHABLE = "Não foi possível falar com a Meta para conferir o número agora. Nada foi salvo; tente novamente em instantes.";

/** Meta did not answer, or answered with its own failure (5xx): worth trying again; nothing was stored. */
function unreachable(err: unknown, problem: ReturnType<typeof metaProblem>): DomainError | null {
  const status = (err as { status?: unknown }).status;
  return problem === "unreachable" || (typeof status === "number" && status >= 500) ? new DomainError("SERVICE_UNAVAILABLE", UNREACHABLE, { retryAfterSeconds: 5 }) : null;
}

/** The form fields a refusal lands on; a form without the field (editing an inbox) shows it as the form's error. */
export interface VerificationFields {
  number?: string;
  token?: string;
}
const on = (field: string | undefined) => (field ? { field } : undefined);

/**
 * The refusal of a token: the admin's own (on its field); the business's from Embedded Signup
 * (revoked: only a new signup gives another); else the platform's (the operator's to fix).
 */
function tokenRefused(whose: "own" | "business" | "platform", fields: VerificationFields): DomainError {
  if (whose === "own") return new DomainError("BAD_REQUEST", "A Meta recusou este token de acesso (inválido ou expirado). Gere um novo token no app da Meta e tente de novo.", on(fields.token));
  if (whose === "business") return new DomainError("BAD_REQUEST", "A Meta recusou a autorização desta empresa (revogada ou expirada). Nada foi salvo; reconecte o número com “Conectar com a Meta”.");
  return new DomainError("SERVICE_UNAVAILABLE", "A conexão da plataforma com a Meta está indisponível. Nada foi salvo; tente novamente mais tarde ou fale com o suporte.");
}

/**
 * Asks Meta, before an inbox stores a WhatsApp number, whether it is real and whose: GET
 * /<phone-number-id> with the token that will serve the inbox (tokenOf: its own Meta app's, its
 * business token from Embedded Signup, else the platform's) must answer, and when a WABA is named, GET /<waba-id>/phone_numbers must list it.
 * On the platform app this is what keeps a tenant from claiming a number of a business that has
 * not shared it with the platform: the platform's token cannot see it. Refusals are pt-BR
 * DomainErrors on the form's field; Meta unreachable is SERVICE_UNAVAILABLE (nothing stored).
 */
export async function verifyWhatsAppNumber(
  deps: Pick<AppDeps, "whatsapp" | "platformWhatsApp">,
  n: { phoneNumberId: string; ownAccessToken?: string; businessToken?: string; wabaId?: string; ratePerSecond: number },
  fields: VerificationFields = { number: "phoneNumberId", token: "ownApp.accessToken" },
): Promise<PhoneNumberProfile> {
  const ownToken = n.ownAccessToken !== undefined;
  const whose = ownToken ? "own" : n.businessToken !== undefined ? "business" : "platform";
  const number = { phoneNumberId: n.phoneNumberId, accessToken: tokenOf(deps, { accessToken: n.ownAccessToken, businessToken: n.businessToken }), ratePerSecond: n.ratePerSecond };
  /** One call to Meta; its refusal as the admin's error: retry later, the token, else `refused(problem)`. */
  const ask = async <T>(call: () => Promise<T>, refused: (problem: ReturnType<typeof metaProblem>) => DomainError): Promise<T> => {
    try {
      return await call();
    } catch (err) {
      const problem = metaProblem(err);
      throw unreachable(err, problem) ?? (problem === "token" ? tokenRefused(whose, fields) : refused(problem));
    }
  };
  const profile = await ask(
    () => deps.whatsapp.phoneNumber(number),
    (problem) =>
      problem === "number"
        ? new DomainError("BAD_REQUEST", "Este número não foi encontrado na sua conta do WhatsApp Business. Confira o ID do número no Meta Business Manager.", on(fields.number))
        : new DomainError("BAD_REQUEST", "A Meta não confirmou este número com este token. Confira o ID do número e as permissões do token (whatsapp_business_messaging e whatsapp_business_management).", on(ownToken ? fields.token : fields.number)),
  );
  if (n.wabaId) {
    const ids = await ask(
      () => deps.whatsapp.wabaPhoneNumberIds(number, n.wabaId!),
      () => new DomainError("BAD_REQUEST", "Esta conta do WhatsApp Business (WABA) não foi encontrada com este token. Confira o ID da conta no Meta Business Manager.", { field: "settings.waBusinessAccountId" }),
    );
    if (!ids.includes(n.phoneNumberId)) {
      throw new DomainError("BAD_REQUEST", "Este número não pertence a esta conta do WhatsApp Business (WABA). Confira os dois IDs no Meta Business Manager.", { field: "settings.waBusinessAccountId" });
    }
  }
  return profile;
}
