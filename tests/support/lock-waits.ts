import { owner } from "./fixtures";

/** The backend that waits on a lock `blockerPid` holds, once one does (~5 s at most, else throws). */
export async function waiterOn(blockerPid: number): Promise<number> {
  for (let i = 0; i <= 500; i++) {
    const waiting = await owner().query<{ pid: number }>("select pid from pg_stat_activity where $1 = any(pg_blocking_pids(pid))", [blockerPid]);
    if (waiting.rows[0]) return waiting.rows[0].pid;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error("no statement waited for the held lock");
}

/**
 * Cancels the statement that waits on a lock `blockerPid` holds (pg_cancel_backend: 57014,
 * query_canceled, a failure that passes), once one waits; throws if none does within ~5 s.
 */
export async function cancelTheWaiter(blockerPid: number): Promise<void> {
  await owner().query("select pg_cancel_backend($1)", [await waiterOn(blockerPid)]);
}
