import { listAudit } from "@vendaflow/core/audit/list";
import { auditListInput } from "@vendaflow/validators/users";
import { adminProcedure, router } from "../trpc";

export const auditRouter = router({
  list: adminProcedure.input(auditListInput).query(({ ctx, input }) => listAudit(ctx.tx, input)),
});
