import { appServerEnv } from "./app-env";
import { env } from "./fixtures";
import { freePort, startNextServer, type NextServer } from "./next-server";

/**
 * A second (third…) instance of the app on the shared test database, with its own ROOT_DOMAIN
 * (localhost:<its port>) and extra environment, e.g. a Graph API stand-in.
 */
export async function startAppServer(extra: Record<string, string> = {}): Promise<NextServer & { rootDomain: string }> {
  const port = await freePort();
  const rootDomain = `localhost:${port}`;
  const server = await startNextServer(appServerEnv(env().appUrl, rootDomain, extra), { port });
  return { ...server, rootDomain };
}
