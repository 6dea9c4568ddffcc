import type { Database } from "@vendaflow/db/create-db";
import type { AppLinks } from "./links";
import type { Clock } from "./ports/clock";
import type { CounterStore } from "./ports/counter-store";
import type { EmailSender } from "./ports/email";
import type { WhatsAppSender } from "./ports/messaging";
import type { Scheduler } from "./ports/scheduler";

/**
 * Everything a core service may reach outside its arguments: built once per process by the app
 * (apps/web/lib/server/deps.ts) from the validated environment, and by tests with their own
 * adapters. A service declares the part it uses (`Pick<AppDeps, "db" | "now">`) so callers and
 * tests pass only that. A new outside service adds its port in ./ports and one field here.
 */
export interface AppDeps {
  db: Database;
  now: Clock;
  email: EmailSender;
  counters: CounterStore;
  scheduler: Scheduler;
  whatsapp: WhatsAppSender;
  links: AppLinks;
  /** Decrypts inbox credentials (AES-256-GCM, base64 key). */
  encryptionKey: string;
  /** Signs widget visitor tokens. */
  tokenSecret: string;
  /** The platform's Meta app: used by inboxes that do not bring their own. */
  platformWhatsApp: { accessToken: string; appSecret: string; verifyToken: string };
  bot: { maxReminders: number; defaultTimeoutSeconds: number };
}
