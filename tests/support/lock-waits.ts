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

/**
 * Cancels every statement that waits on a lock `blockerPid` holds until `pending` settles (at least
 * one must wait within ~5 s). For a page load: the page's own earlier requests may wait on the same
 * lock, and cancelling only the first waiter could hit one of them and let the load go through.
 */
export async function cancelWaitersUntil(blockerPid: number, pending: Promise<unknown>): Promise<void> {
  let settled = false;
  void pending.then(() => (settled = true), () => (settled = true));
  await waiterOn(blockerPid);
  while (!settled) {
    await owner().query("select pg_cancel_backend(pid) from pg_stat_activity where $1 = any(pg_blocking_pids(pid))", [blockerPid]);
    await new Promise((r) => setTimeout(r, 20));
  }
}
