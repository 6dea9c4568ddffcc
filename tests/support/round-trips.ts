import type { Socket } from "node:net";
import type pg from "pg";

/**
 * Calls `onTrip` at the start of every round trip of a connected pg client: a write to its socket
 * after something was read from it (queries written back to back before any answer, a pipelined
 * group, are one round trip). `onFlush`, when given, is called for every write that reaches the
 * socket (one syscall: what a cork gathered goes as one).
 */
export function countRoundTrips(client: pg.ClientBase, onTrip: () => void, onFlush?: () => void): void {
  const stream = (client as unknown as { connection: { stream: Socket } }).connection.stream;
  if (onFlush) {
    const inner = stream as unknown as Record<"_write" | "_writev", (...args: unknown[]) => unknown>;
    for (const key of ["_write", "_writev"] as const) {
      const original = inner[key]!.bind(stream);
      inner[key] = (...args: unknown[]) => (onFlush(), original(...args));
    }
  }
  let answered = true;
  stream.on("data", () => void (answered = true));
  const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
  (stream as unknown as { write: (...args: unknown[]) => boolean }).write = (...args: unknown[]) => {
    if (answered) onTrip();
    answered = false;
    return write(...args);
  };
}
