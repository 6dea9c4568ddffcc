import { NOTIFICATION_MAIL_LABELS } from "@vendaflow/core/notifications/email-digest";
import { NOTIFICATION_KINDS } from "@vendaflow/validators/notifications";
import { describe, expect, it } from "vitest";
import { notificationKinds } from "./notification-kinds";

// The bell names the kinds here, the notification e-mails in core (notifications/email-digest.ts),
// Meu perfil lists these keys as its switches and the profile procedure accepts NOTIFICATION_KINDS.
describe("notification kinds", () => {
  it("the bell, Meu perfil, the e-mails and the preference's validator know the same kinds by the same names", () => {
    expect(Object.keys(notificationKinds.kinds).sort()).toEqual([...NOTIFICATION_KINDS].sort());
    expect(notificationKinds.kinds).toEqual(NOTIFICATION_MAIL_LABELS);
  });
});
