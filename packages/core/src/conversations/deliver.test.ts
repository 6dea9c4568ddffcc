import { describe, expect, it } from "vitest";
import { deliveryStatusSql } from "./deliver";

const id = "0b4f3a9e-5c1d-4e2f-9a8b-7c6d5e4f3a2b";

describe("deliveryStatusSql", () => {
  it("sets only the given columns, the texts as literals", () => {
    expect(deliveryStatusSql(id, { delivery_status: "delivered" })).toBe(`update messages set delivery_status = 'delivered' where id = '${id}'`);
    expect(deliveryStatusSql(id.toUpperCase(), { delivery_status: "sent", provider_message_id: "wamid.HBg'x" })).toBe(
      `update messages set delivery_status = 'sent', provider_message_id = 'wamid.HBg''x' where id = '${id}'`,
    );
    expect(deliveryStatusSql(id, { delivery_status: "failed", delivery_error: JSON.stringify({ code: 131047, title: "Re-engagement \\ message" }) })).toBe(
      `update messages set delivery_status = 'failed', delivery_error = E'{"code":131047,"title":"Re-engagement \\\\\\\\ message"}' where id = '${id}'`,
    );
  });

  it("refuses an id that is not a uuid and an unknown status", () => {
    expect(() => deliveryStatusSql(`${id}' or true --`, { delivery_status: "sent" })).toThrow(/not a message id/);
    expect(() => deliveryStatusSql(id, { delivery_status: "sent'; drop table messages; --" })).toThrow(/unknown status/);
  });
});
