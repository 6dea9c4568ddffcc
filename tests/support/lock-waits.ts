import { owner } from "./fixtures";

/**
 * Cancels the statement that waits on a lock `blockerPid` holds (pg_cancel_backend: 57014,
 * query_canceled, a failure that passes), once one waits; throws if none does within ~5 s.
 */
export async function cancelTheWaiter(blockerPid: number): Promise<void> {
  for (let i = 0; i <= 500; i++) {
    const waiting = await owner().query<{ pid: number }>("select pid from pg_stat_activity where $1 = any(pg_blocking_pids(pid))", [blockerPid]);
    if (waiting.rows[0]) {
      await owner().query("select pg_cancel_backend($1)", [waiting.rows[0].pid]);
      return;
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error("no statement waited for the held lock");
}
