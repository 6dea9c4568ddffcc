/**
 * node-postgres' pipeline mode (pg >= 8.23, node-postgres.com/features/pipelining) for one pooled
 * client, turned on only while a group of queries is in flight: each query is written at once
 * with its own Sync and they are answered in order, so the group costs one round trip. Off
 * otherwise, because a cursor refuses the mode. A client without it (Neon's WebSocket client)
 * sends the group's queries one after the other, as node-postgres queues them.
 */
export class PipelinedClient {
  readonly supported: boolean;
  #inFlight = 0;

  constructor(
    private readonly client: object,
    private readonly query: (...args: unknown[]) => Promise<unknown>,
  ) {
    this.supported = typeof (client as { pipeline?: unknown }).pipeline === "boolean";
  }

  /** Whether a query of this client is still unanswered. */
  get busy(): boolean {
    return this.#inFlight > 0;
  }

  /**
   * Sends a query. With `pipelined`, the client is in pipeline mode while it is in flight, so
   * queries sent behind it go at once; the mode ends when the client's last query is answered
   * (with a query still in flight, turning it off would leave the queued ones unanswered).
   */
  send(args: unknown[], pipelined = false): Promise<unknown> {
    if (pipelined && this.supported) this.#setMode(true);
    this.#inFlight++;
    let sent: Promise<unknown>;
    try {
      sent = this.query(...args);
    } catch (err) {
      sent = Promise.reject(err);
    }
    return sent.finally(() => {
      if (--this.#inFlight === 0 && this.supported) this.#setMode(false);
    });
  }

  /**
   * Runs `send` (queries sent synchronously, a group) with the client's socket corked, so the
   * group leaves in one write instead of one per query (each write to a loopback socket costs a
   * syscall and wakes Postgres). node-postgres corks around each query too; Node's cork nests.
   */
  corked<T>(send: () => T): T {
    const stream = (this.client as { connection?: { stream?: { cork?: () => void; uncork?: () => void } } }).connection?.stream;
    if (!this.supported || !stream?.cork || !stream.uncork) return send();
    stream.cork();
    try {
      return send();
    } finally {
      stream.uncork();
    }
  }

  /** Pipeline mode off for a query that refuses it (a cursor), which node-postgres then queues behind the one in flight. */
  pause() {
    if (this.supported && this.#inFlight <= 1) this.#setMode(false);
  }

  #setMode(on: boolean) {
    (this.client as { pipeline: boolean }).pipeline = on;
  }
}
