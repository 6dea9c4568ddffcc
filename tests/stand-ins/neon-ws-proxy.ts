import type { AddressInfo } from "node:net";
import net from "node:net";
import { WebSocketServer } from "ws";

/**
 * What Neon's edge does for @neondatabase/serverless: a WebSocket at /v1?address=host:port whose
 * binary frames are the Postgres wire protocol, piped to a TCP socket.
 */
export async function startNeonWsProxy() {
  const wss = new WebSocketServer({ host: "127.0.0.1", port: 0 });
  const stats = { connections: 0 };
  wss.on("connection", (ws, req) => {
    stats.connections++;
    const address = new URL(req.url ?? "/", "http://x").searchParams.get("address") ?? "";
    const [host, port] = address.split(":");
    const tcp = net.connect({ host: host === "localhost" ? "127.0.0.1" : host, port: Number(port) });
    const pending: Buffer[] = [];
    tcp.on("connect", () => {
      for (const b of pending.splice(0)) tcp.write(b);
    });
    ws.on("message", (data: Buffer) => (tcp.readyState === "open" ? tcp.write(data) : pending.push(data)));
    tcp.on("data", (d) => ws.send(d));
    const close = () => {
      ws.close();
      tcp.destroy();
    };
    ws.on("close", close);
    tcp.on("close", close);
    tcp.on("error", close);
  });
  await new Promise((r) => wss.once("listening", r));
  const port = (wss.address() as AddressInfo).port;
  return { host: `127.0.0.1:${port}`, stats, close: () => new Promise<void>((r) => wss.close(() => r())) };
}
