import { afterAll, beforeAll } from "vitest";
import { TEST_KEYS } from "./app-env";
import { startAppServer } from "./app-server";
import { closeOwner, createTenant, type FixtureTenant } from "./fixtures";
import { startGraphStandIn, type GraphStandIn } from "../stand-ins/graph-api";

export interface GraphApp {
  /** The file's own Meta: the platform app's token, id and secret as TEST_KEYS (Embedded Signup completes against it). */
  graph: GraphStandIn;
  /** An app server of the file's own, whose Graph API is that stand-in. */
  app: Awaited<ReturnType<typeof startAppServer>>;
  /** Two fresh tenants (a file that needs one takes `a`). */
  a: FixtureTenant;
  b: FixtureTenant;
}

/**
 * Set-up of a WhatsApp file with a Meta of its own: before the file, the stand-in, the app server
 * and two tenants, handed to `ready` (which assigns them to the file's variables); after it, both
 * closed in reverse order.
 */
export function graphAppSuite(ready: (s: GraphApp) => void): void {
  let s: Partial<GraphApp> = {};
  beforeAll(async () => {
    const graph = await startGraphStandIn({ accessToken: TEST_KEYS.waAccessToken, app: { id: TEST_KEYS.metaAppId, secret: TEST_KEYS.waAppSecret } });
    s.graph = graph;
    s.app = await startAppServer({ WHATSAPP_GRAPH_BASE_URL: graph.baseUrl });
    ready({ graph, app: s.app, a: await createTenant(), b: await createTenant() });
  });
  afterAll(async () => {
    await s.app?.stop();
    await s.graph?.close();
    s = {};
    await closeOwner();
  });
}
