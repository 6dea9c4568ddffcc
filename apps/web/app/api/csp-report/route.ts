import { assertRateLimit } from "@vendaflow/core/rate-limit/assert-rate-limit";
import { BODY_LIMITS, readBody } from "@/lib/server/body";
import { parseCspReport } from "@/lib/server/csp-report";
import { appDeps } from "@/lib/server/deps";
import { problem, toResponse } from "@/lib/server/http";
import { log } from "@/lib/server/log";
import { clientIp } from "@/lib/server/request-meta";
import { route } from "@/lib/server/route";

/**
 * Browsers' CSP violation reports (report-uri and the Reporting API's report-to): bounded body,
 * rate limited per client address, each violation logged as `csp.violation` (paths, never queries).
 */
export const POST = route("/api/csp-report", "http", async (req: Request) => {
  try {
    await assertRateLimit(appDeps().counters, "csp-report:ip", clientIp(req.headers) ?? "unknown", appDeps().now().getTime());
    const raw = await readBody(req, BODY_LIMITS.cspReport);
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      return problem(400, "invalid_json", "Relatório CSP não é JSON válido.");
    }
    const violations = parseCspReport(body);
    if (!violations) return problem(400, "invalid_input", "Formato de relatório CSP desconhecido.");
    for (const v of violations) log.warn("csp.violation", { ...v, requestId: req.headers.get("x-request-id") });
    return new Response(null, { status: 204 });
  } catch (err) {
    return toResponse(err);
  }
});
