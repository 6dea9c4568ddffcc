import { agentFeedStates, type AgentFeedState } from "@vendaflow/core/conversations/agent-feed";
import { appDeps } from "./deps";

interface Batch {
  users: Set<string>;
  states: Promise<Map<string, AgentFeedState>>;
}

const batches = new Map<string, Batch>();

/**
 * The feed of one agent stream, read together with every other stream of the same tenant that asks
 * in the same turn of the event loop (a change notice wakes them all at once): one round trip per
 * tenant and wake-up instead of one transaction per open stream.
 */
export function readAgentFeed(tenantId: string, userId: string): Promise<AgentFeedState> {
  let batch = batches.get(tenantId);
  if (!batch) {
    const users = new Set<string>();
    const states = new Promise<Map<string, AgentFeedState>>((resolve, reject) => {
      setImmediate(() => {
        batches.delete(tenantId);
        agentFeedStates(appDeps().db, tenantId, [...users]).then(resolve, reject);
      });
    });
    batch = { users, states };
    batches.set(tenantId, batch);
  }
  batch.users.add(userId);
  return batch.states.then((m) => m.get(userId)!);
}
