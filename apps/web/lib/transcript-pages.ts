// The inbox timeline's older pages ("Carregar mensagens anteriores") kept beside its newest page
// (conversations.get, refetched live): what slides out of the newest page stays, and the messages
// of the older pages follow their updates as the newest page does.

type Msg = { id: string; seq: number };

/** Older pages the agent loaded, oldest first, and whether more remain before them. */
export type Older<M extends Msg> = { messages: M[]; hasOlder: boolean };

/**
 * The newest page came again (a realtime change, the fallback poll) as `next`: what slid out of it
 * stays shown after the older pages. When nothing of the previous newest page is in the new one and
 * the new one has more before it, messages may be missing in between: the older pages are dropped
 * and the history restarts from the newest page.
 */
export function keepSlidOut<M extends Msg>(older: Older<M>, prev: M[], next: M[]): Older<M> | null {
  const first = next[0]?.seq;
  if (first === undefined) return older;
  const last = prev[prev.length - 1]?.seq;
  if (last !== undefined && first > last) return null;
  return { messages: [...older.messages, ...prev.filter((m) => m.seq < first)], hasOlder: older.hasOlder };
}

/**
 * The older messages as they are now (conversations.messageRange, read with each refetch of the
 * newest page): each shown message found in `fresh` takes its new state (delivery tick, edit,
 * delete, stored file); the others stay as they were. The same object when nothing changed, so a
 * refresh that brings nothing new does not render again.
 */
export function refreshOlder<M extends Msg>(older: Older<M>, fresh: M[]): Older<M> {
  const byId = new Map(fresh.map((m) => [m.id, m]));
  let changed = false;
  const messages = older.messages.map((m) => {
    const now = byId.get(m.id);
    // Rows as the server sends them (plain values and dates): equal when their JSON is.
    if (!now || now === m || JSON.stringify(now) === JSON.stringify(m)) return m;
    changed = true;
    return now;
  });
  return changed ? { messages, hasOlder: older.hasOlder } : older;
}
