import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { repoRoot } from "@vendaflow/db/paths";

export const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });

export interface NextServer {
  port: number;
  /** The `next start` process (its children, if any, are its tree). */
  pid: number;
  logs: string[];
  stop(): Promise<void>;
}

/** `next start` of the production build with exactly the given environment (plus PATH/HOME). */
export async function startNextServer(env: Record<string, string>, opts: { port?: number; waitForStatus?: number; hostname?: string } = {}): Promise<NextServer> {
  const webDir = path.join(repoRoot(), "apps", "web");
  const port = opts.port ?? (await freePort());
  const logs: string[] = [];
  const child: ChildProcess = spawn(process.execPath, ["--require", path.join(repoRoot(), "tests", "support", "parent-watchdog.cjs"), path.join(webDir, "node_modules", "next", "dist", "bin", "next"), "start", "-p", String(port), ...(opts.hostname ? ["-H", opts.hostname] : [])], {
    cwd: webDir,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", NODE_ENV: "production", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d) => logs.push(String(d)));
  child.stderr!.on("data", (d) => logs.push(String(d)));
  // A server outliving its parent spins at a full core (parent-watchdog.cjs): killed when this
  // process exits normally, and gone by itself when it is killed.
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  child.once("exit", () => process.off("exit", killOnExit));
  const want = opts.waitForStatus ?? 200;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited (${child.exitCode}):\n${logs.join("")}`);
    if (Date.now() > deadline) throw new Error(`next start on ${port} never answered /api/health with ${want}:\n${logs.join("")}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (res.status === want) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    port,
    pid: child.pid!,
    logs,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
    },
  };
}
