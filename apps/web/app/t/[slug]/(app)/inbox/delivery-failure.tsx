import { deliveryErrorText } from "@/lib/delivery-error";
import { deliveryErrors } from "@/lib/i18n/pt-br/delivery-errors";

/** Why a reply failed, after "Falha no envio", in pt-BR; what was stored (WhatsApp's English, a socket error) is the tooltip. */
export function DeliveryFailureReason({ error }: { error: unknown }) {
  const why = deliveryErrorText(error, deliveryErrors);
  return why ? <span title={why.detail ?? undefined} data-testid="delivery-failure-reason">: {why.text}</span> : null;
}
