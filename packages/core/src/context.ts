import type { Database } from "@vendaflow/db/create-db";
import type { EmailSender } from "./email/port";
import type { AppLinks } from "./links";
import type { CounterStore } from "./rate-limit/kv";

/** Ports every core service may need; built once per process by the app. */
export interface CoreDeps {
  db: Database;
  email: EmailSender;
  links: AppLinks;
  counters: CounterStore;
}
