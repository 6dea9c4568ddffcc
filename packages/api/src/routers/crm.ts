import { createActivity, completeActivity, listActivities, setActivityDeleted, updateActivity } from "@vendaflow/core/crm/activities";
import { agendaCounts, listAgenda } from "@vendaflow/core/crm/agenda";
import { getCompany, listCompanies, saveCompany, setCompanyDeleted } from "@vendaflow/core/crm/companies";
import { getContact, listContacts, saveContact, setContactDeleted } from "@vendaflow/core/crm/contacts";
import { listCustomFields, saveCustomField, setCustomFieldArchived } from "@vendaflow/core/crm/custom-fields";
import { convertLead } from "@vendaflow/core/crm/convert-lead";
import { loseDeal, moveDeal, winDeal } from "@vendaflow/core/crm/deal-stage";
import { importStatus, startImport } from "@vendaflow/core/crm/import/run";
import { searchEverything } from "@vendaflow/core/crm/global-search";
import { listLeads } from "@vendaflow/core/crm/leads";
import { mergeLeads } from "@vendaflow/core/crm/merge-leads";
import { updateLeadDetails } from "@vendaflow/core/crm/lead-details";
import { queueCrmSyncPush } from "@vendaflow/core/crm-sync/sync";
import { recomputeStatus } from "@vendaflow/core/crm/lead-score/recompute-job";
import { getLeadScore, getScoreWeights, saveScoreWeights } from "@vendaflow/core/crm/lead-score/settings";
import { leadScoreWeightsInput } from "@vendaflow/validators/lead-score";
import { dealBoard, dealBoardPage } from "@vendaflow/core/crm/deal-board";
import { createDeal, getDeal, listDeals, setDealDeleted, updateDeal } from "@vendaflow/core/crm/deals";
import { deletePipeline, listLostReasons, listPipelines, saveLostReason, savePipeline } from "@vendaflow/core/crm/pipelines";
import { customFieldEntities, customFieldInput } from "@vendaflow/validators/custom-fields";
import {
  globalSearchInput,
  leadMergeInput,
  activityCompleteInput,
  activityInput,
  activityListInput,
  agendaCountsInput,
  agendaInput,
  companyInput,
  companyListInput,
  contactInput,
  contactListInput,
  convertLeadInput,
  dealBoardInput,
  dealBoardPageInput,
  dealInput,
  dealListInput,
  dealLoseInput,
  dealMoveInput,
  idInput,
  importStartInput,
  leadDetailsUpdateInput,
  leadListInput,
  lostReasonInput,
  pipelineInput,
} from "@vendaflow/validators/crm";
import { z } from "zod";
import type { ApiContext } from "../context";
import { adminProcedure, agentProcedure, meta, router, tenantProcedure } from "../trpc";

const withId = { id: z.uuid().nullable().default(null) };
const ok = { ok: true as const };
const actor = (ctx: { session: NonNullable<ApiContext["session"]> }) => ({ userId: ctx.session.userId, role: ctx.session.role });
const deletedInput = idInput.extend({ deleted: z.boolean().default(true) });

// What API keys may reach (the apiKey rung in trpc.ts): leads, contacts and companies are "leads";
// deals, pipelines and activities are "deals". Everything else here stays for signed-in users.
const leadsRead = tenantProcedure.meta({ scope: "leads:read" });
// A CRM write that changed a synced lead or deal (the 0135 triggers queued it) pushes it to the
// tenant's Pipedrive / HubSpot right after the commit (core/crm-sync/sync.ts).
const pushesCrmSync = agentProcedure.use(async ({ ctx, next }) => {
  const res = await next();
  if (res.ok) await queueCrmSyncPush(ctx.tx, ctx.tenant.id, ctx.after);
  return res;
});
const leadsWrite = pushesCrmSync.meta({ scope: "leads:write" });
const dealsRead = tenantProcedure.meta({ scope: "deals:read" });
const dealsWrite = pushesCrmSync.meta({ scope: "deals:write" });

const companies = router({
  list: leadsRead.input(companyListInput).query(({ ctx, input }) => listCompanies(ctx.tx, input)),
  get: leadsRead.input(idInput).query(({ ctx, input }) => getCompany(ctx.tx, input.id)),
  save: leadsWrite.input(companyInput.extend(withId)).mutation(({ ctx, input }) => {
    const { id, ...company } = input;
    return saveCompany(ctx.tx, ctx.tenant.id, actor(ctx), id, company, meta(ctx), ctx.after);
  }),
  /** Soft delete; `deleted: false` is the undo. */
  setDeleted: leadsWrite.input(deletedInput).mutation(async ({ ctx, input }) => {
    await setCompanyDeleted(ctx.tx, ctx.tenant.id, actor(ctx), input.id, input.deleted, meta(ctx));
    return ok;
  }),
});

const contacts = router({
  list: leadsRead.input(contactListInput).query(({ ctx, input }) => listContacts(ctx.tx, input)),
  get: leadsRead.input(idInput).query(({ ctx, input }) => getContact(ctx.tx, input.id)),
  save: leadsWrite.input(contactInput.extend(withId)).mutation(({ ctx, input }) => {
    const { id, ...contact } = input;
    return saveContact(ctx.tx, ctx.tenant.id, actor(ctx), id, contact, meta(ctx));
  }),
  setDeleted: leadsWrite.input(deletedInput).mutation(async ({ ctx, input }) => {
    await setContactDeleted(ctx.tx, ctx.tenant.id, actor(ctx), input.id, input.deleted, meta(ctx));
    return ok;
  }),
});

const pipelines = router({
  list: dealsRead.query(({ ctx }) => listPipelines(ctx.tx)),
  save: adminProcedure.input(pipelineInput.safeExtend(withId)).mutation(({ ctx, input }) => {
    const { id, ...pipeline } = input;
    return savePipeline(ctx.tx, ctx.tenant.id, id, pipeline, meta(ctx));
  }),
  delete: adminProcedure.input(idInput).mutation(async ({ ctx, input }) => {
    await deletePipeline(ctx.tx, ctx.tenant.id, input.id, meta(ctx));
    return ok;
  }),
  lostReasons: dealsRead.input(z.object({ includeInactive: z.boolean().default(false) }).nullish()).query(({ ctx, input }) => listLostReasons(ctx.tx, { includeInactive: input?.includeInactive ?? false })),
  saveLostReason: adminProcedure.input(lostReasonInput.extend(withId)).mutation(({ ctx, input }) => {
    const { id, ...reason } = input;
    return saveLostReason(ctx.tx, ctx.tenant.id, id, reason, meta(ctx));
  }),
});

const deals = router({
  list: dealsRead.input(dealListInput).query(({ ctx, input }) => listDeals(ctx.tx, input)),
  get: dealsRead.input(idInput).query(({ ctx, input }) => getDeal(ctx.tx, input.id)),
  board: dealsRead.input(dealBoardInput).query(({ ctx, input }) => dealBoard(ctx.tx, input)),
  boardPage: dealsRead.input(dealBoardPageInput).query(({ ctx, input }) => dealBoardPage(ctx.tx, input)),
  create: dealsWrite.input(dealInput).mutation(({ ctx, input }) => createDeal(ctx.tx, ctx.tenant.id, actor(ctx), input, meta(ctx), ctx.deps)),
  update: dealsWrite.input(dealInput.extend({ id: z.uuid() })).mutation(({ ctx, input }) => {
    const { id, ...deal } = input;
    return updateDeal(ctx.tx, ctx.tenant.id, actor(ctx), id, deal, meta(ctx));
  }),
  move: dealsWrite.input(dealMoveInput).mutation(({ ctx, input }) => moveDeal(ctx.tx, ctx.tenant.id, actor(ctx), input, meta(ctx), ctx.deps, ctx.after)),
  win: dealsWrite.input(idInput).mutation(({ ctx, input }) => winDeal(ctx.tx, ctx.tenant.id, actor(ctx), input.id, meta(ctx), ctx.deps, ctx.after)),
  lose: dealsWrite.input(dealLoseInput).mutation(({ ctx, input }) => loseDeal(ctx.tx, ctx.tenant.id, actor(ctx), input, meta(ctx), ctx.deps, ctx.after)),
  setDeleted: dealsWrite.input(deletedInput).mutation(async ({ ctx, input }) => {
    await setDealDeleted(ctx.tx, ctx.tenant.id, actor(ctx), input.id, input.deleted, meta(ctx));
    return ok;
  }),
});

const activities = router({
  list: dealsRead.input(activityListInput).query(({ ctx, input }) => listActivities(ctx.tx, input)),
  /** "Atividades": one tab of a person's (or everyone's) open or done work, and the open tabs' counts. */
  agenda: dealsRead.input(agendaInput).query(({ ctx, input }) => listAgenda(ctx.tx, ctx.tenant.id, actor(ctx), input, ctx.deps.now())),
  agendaCounts: dealsRead.input(agendaCountsInput).query(({ ctx, input }) => agendaCounts(ctx.tx, ctx.tenant.id, actor(ctx), input, ctx.deps.now())),
  create: dealsWrite.input(activityInput).mutation(({ ctx, input }) => createActivity(ctx.tx, ctx.tenant.id, actor(ctx), input, meta(ctx), ctx.after, ctx.deps.now())),
  update: dealsWrite.input(activityInput.safeExtend({ id: z.uuid() })).mutation(({ ctx, input }) => {
    const { id, ...activity } = input;
    return updateActivity(ctx.tx, ctx.tenant.id, actor(ctx), id, activity, meta(ctx), ctx.after, ctx.deps.now());
  }),
  complete: dealsWrite.input(activityCompleteInput.extend({ completed: z.boolean().default(true) })).mutation(({ ctx, input }) =>
    completeActivity(ctx.tx, ctx.tenant.id, actor(ctx), input.id, input.completed, input.outcome, meta(ctx), ctx.after, ctx.deps.now()),
  ),
  setDeleted: dealsWrite.input(deletedInput).mutation(async ({ ctx, input }) => {
    await setActivityDeleted(ctx.tx, ctx.tenant.id, actor(ctx), input.id, input.deleted, meta(ctx), ctx.after);
    return ok;
  }),
});

const customFields = router({
  list: tenantProcedure
    .input(z.object({ entityType: z.enum(customFieldEntities).optional(), includeArchived: z.boolean().default(false) }).nullish())
    .query(({ ctx, input }) => listCustomFields(ctx.tx, input?.entityType, { includeArchived: input?.includeArchived ?? false })),
  save: adminProcedure.input(customFieldInput.safeExtend(withId)).mutation(({ ctx, input }) => {
    const { id, ...field } = input;
    return saveCustomField(ctx.tx, ctx.tenant.id, id, field, meta(ctx));
  }),
  setArchived: adminProcedure.input(idInput.extend({ archived: z.boolean() })).mutation(async ({ ctx, input }) => {
    await setCustomFieldArchived(ctx.tx, ctx.tenant.id, input.id, input.archived, meta(ctx));
    return ok;
  }),
});

const leads = router({
  list: leadsRead.input(leadListInput).query(({ ctx, input }) => listLeads(ctx.tx, ctx.tenant.id, input)),
  /** The lead's own details (name, e-mail, phone, company); the same path a fulfilled LGPD correction takes. */
  update: leadsWrite.input(leadDetailsUpdateInput).mutation(({ ctx, input }) => updateLeadDetails(ctx.tx, ctx.tenant.id, actor(ctx), input.id, input.details, meta(ctx), ctx.deps.now())),
  /** Two leads that are one person become one (core/crm/merge-leads). */
  merge: leadsWrite.input(leadMergeInput).mutation(({ ctx, input }) => mergeLeads(ctx.tx, ctx.tenant.id, actor(ctx), input, meta(ctx), ctx.deps.now())),
  /** One transaction: company, contact, deal in the default pipeline, lead converted, activity, conversation linked, booked meetings brought. */
  convert: leadsWrite.input(convertLeadInput).mutation(({ ctx, input }) => convertLead(ctx.tx, ctx.tenant.id, actor(ctx), input, meta(ctx), ctx.deps, ctx.after)),
  /** The lead score and why, fact by fact (BANT answers, engagement, fit). */
  score: leadsRead.input(idInput).query(({ ctx, input }) => getLeadScore(ctx.tx, input.id)),
});

const leadScore = router({
  weights: tenantProcedure.query(({ ctx }) => getScoreWeights(ctx.tx)),
  /** Where the recompute the latest save started stands (the settings page polls it while it runs). */
  recompute: tenantProcedure.query(({ ctx }) => recomputeStatus(ctx.tx)),
  /** Admins: new weights; every lead is recomputed by a background job (`recompute` follows it). */
  saveWeights: adminProcedure.input(leadScoreWeightsInput).mutation(({ ctx, input }) => saveScoreWeights(ctx.tx, ctx.tenant.id, input, meta(ctx), ctx.after)),
});

const imports = router({
  get: tenantProcedure.input(idInput).query(({ ctx, input }) => importStatus(ctx.tx, input.id)),
  /** Confirms the column mapping of an uploaded file (POST /api/crm/import) and queues the job. */
  start: agentProcedure.input(importStartInput).mutation(({ ctx, input }) => startImport(ctx.tx, ctx.tenant.id, actor(ctx), input, meta(ctx), ctx.after)),
});

/** The header's search: a few of each kind of record, for signed-in users (no API key scope covers all four). */
const search = tenantProcedure.input(globalSearchInput).query(({ ctx, input }) => searchEverything(ctx.tx, input.q));

export const crmRouter = router({ companies, contacts, pipelines, deals, activities, customFields, leads, imports, leadScore, search });
