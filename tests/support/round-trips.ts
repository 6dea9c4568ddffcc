import type { Socket } from "node:net";
import type pg from "pg";

/**
 * Calls `onTrip` at the start of every round trip of a connected pg client: a write to its socket
 * after something was read from it (queries written back to back before any answer, a pipelined
 * group, are one round trip).
 */
export function countRoundTrips(client: pg.ClientBase, onTrip: () => void): void {
  const stream = (client as unknown as { connection: { stream: Socket } }).connection.stream;
  let answered = true;
  stream.on("data", () => void (answered = true));
  const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
  (stream as unknown as { write: (...args: unknown[]) => boolean }).write = (...args: unknown[]) => {
    if (answered) onTrip();
    answered = false;
    return write(...args);
  };
}
