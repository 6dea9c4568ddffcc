import { CompiledQuery } from "kysely";
import type { Database } from "./create-db";
import { boundStatementSql } from "./tenant-binding";

// Group commit for lone writes that many requests make at once (a sent reply's delivery status):
// a write made while the previous group is on its way waits for it, then goes with every other
// write that waited, as one simple query: each statement after its own tenant's binding, all in
// one implicit transaction, so the group costs one round trip and one commit. A write made while
// nothing is on its way goes at once, so a quiet process adds no delay.

interface Pending {
  /** The statement after its tenant's binding (boundStatementSql). */
  bound: string;
  resolve: () => void;
  reject: (err: unknown) => void;
}

interface Lane {
  busy: boolean;
  waiting: Pending[];
}

/** The most writes one group carries (its query text stays a few tens of kilobytes). */
const MAX_GROUP = 200;

const lanes = new WeakMap<Database, Lane>();

/**
 * tenantStatement (one bound write, values as literals) sent with the other writes waiting at the
 * same time. Resolves once its group committed. Should a group fail, each of its writes is retried
 * alone, so one bad statement fails only its own caller.
 */
export function groupedTenantStatement(db: Database, tenantId: string, statement: string): Promise<void> {
  let bound: string;
  try {
    bound = boundStatementSql(tenantId, statement);
  } catch (err) {
    return Promise.reject(err);
  }
  let lane = lanes.get(db);
  if (!lane) lanes.set(db, (lane = { busy: false, waiting: [] }));
  const done = new Promise<void>((resolve, reject) => lane.waiting.push({ bound, resolve, reject }));
  if (!lane.busy) void drain(db, lane);
  return done;
}

const send = async (db: Database, text: string) => {
  await db.executeQuery(CompiledQuery.raw(text));
};

async function drain(db: Database, lane: Lane) {
  lane.busy = true;
  try {
    while (lane.waiting.length) {
      const group = lane.waiting.splice(0, MAX_GROUP);
      if (group.length === 1) {
        await settle(group[0]!, send(db, group[0]!.bound));
        continue;
      }
      const sent = await send(db, group.map((w) => w.bound).join("; ")).then(
        () => true,
        () => false,
      );
      if (sent) for (const w of group) w.resolve();
      else for (const w of group) await settle(w, send(db, w.bound));
    }
  } finally {
    lane.busy = false;
  }
}

const settle = (w: Pending, run: Promise<void>) => run.then(w.resolve, w.reject);
