import { t } from "../../../../../lib/i18n";

/** Strings live in the pt-BR catalog (lib/i18n); these aliases keep call sites short. */
export const inboxMessages = t.inbox;
export const m = inboxMessages;
