/**
 * The tag the bot adds to every lead it does not qualify. Tags are content users see (lists,
 * filters, rules, automations, exports, API and webhook payloads), so it is pt-BR; it was "nurture"
 * until migration 0169 renamed it in stored data. The lead's stage stays the internal "nurture".
 */
export const NOT_QUALIFIED_TAG = "nutrição";
