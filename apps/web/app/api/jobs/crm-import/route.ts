import { runImportChunk } from "@vendaflow/core/crm/import/run";
import { importJobSchema } from "@vendaflow/validators/crm";
import { appDeps } from "@/lib/server/deps";
import { toResponse } from "@/lib/server/http";
import { verifiedJob } from "@/lib/server/job-request";
import { route } from "@/lib/server/route";

export const maxDuration = 300;

/** CSV import (QStash / local scheduler): one chunk of rows per delivery; it schedules the next itself. */
export const POST = route("/api/jobs/crm-import", "job", async (req: Request) => {
  try {
    const job = await verifiedJob(req, "/api/jobs/crm-import", importJobSchema);
    const result = await runImportChunk(appDeps(), job);
    return Response.json(result);
  } catch (err) {
    return toResponse(err);
  }
});
