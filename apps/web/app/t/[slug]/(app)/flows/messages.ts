import { t } from "../../../../../lib/i18n";

/** Strings live in the pt-BR catalog (lib/i18n); this alias keeps call sites short. */
export const fm = t.flows;
