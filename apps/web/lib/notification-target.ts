// Where a bell notification leads: shared with the notification e-mails, so it lives in core.
export { conversationOf, field, targetOf } from "@vendaflow/core/notifications/target";
