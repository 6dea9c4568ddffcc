import { bulkAction, countMatching } from "@vendaflow/core/crm/bulk";
import { getLeadRecord } from "@vendaflow/core/crm/lead-record";
import { recordTimeline } from "@vendaflow/core/crm/timeline";
import { deleteView, listViews, saveView } from "@vendaflow/core/crm/views";
import { bulkInput, bulkMatchingInput } from "@vendaflow/validators/crm-bulk";
import { idInput } from "@vendaflow/validators/crm";
import { timelineInput } from "@vendaflow/validators/crm-timeline";
import { viewInput, viewListInput } from "@vendaflow/validators/crm-views";
import { agentProcedure, meta, router, tenantProcedure } from "../trpc";

const ok = { ok: true as const };

/** Saved views are the user's own (viewers too: a view changes no record). */
const views = router({
  list: tenantProcedure.input(viewListInput).query(({ ctx, input }) => listViews(ctx.tx, ctx.session.userId, input.entity)),
  save: tenantProcedure.input(viewInput).mutation(({ ctx, input }) => saveView(ctx.tx, ctx.tenant.id, ctx.session.userId, input, ctx.deps.now())),
  delete: tenantProcedure.input(idInput).mutation(async ({ ctx, input }) => {
    await deleteView(ctx.tx, ctx.session.userId, input.id);
    return ok;
  }),
});

/** The CRM data tables' own procedures: bulk actions on a selection, and the saved views. */
export const crmListsRouter = router({
  /** Assign, tag, move stage or delete the selected records (or every record matching the filter, as many as confirmed), all or nothing, in the request's transaction. */
  bulk: agentProcedure.input(bulkInput).mutation(({ ctx, input }) =>
    bulkAction(ctx.tx, ctx.tenant.id, { userId: ctx.session.userId, role: ctx.session.role }, input, meta(ctx), ctx.deps, ctx.after),
  ),
  /** How many records the list's current filter matches: the N "select all" asks the user to confirm. */
  matching: agentProcedure.input(bulkMatchingInput).query(({ ctx, input }) => countMatching(ctx.tx, ctx.tenant.id, input.entity, input.filter)),
  views,
  /** The lead page's record (facts, what it became, its latest conversation). */
  lead: tenantProcedure.input(idInput).query(({ ctx, input }) => getLeadRecord(ctx.tx, input.id)),
  /** One record's timeline: activities (stage changes included), its conversations' messages, its audit trail. */
  timeline: tenantProcedure.input(timelineInput).query(({ ctx, input }) => recordTimeline(ctx.tx, input)),
});
