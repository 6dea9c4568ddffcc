import { createLogger } from "@vendaflow/core/observability/logger";
import { env } from "@/lib/env";

/** The app's one logger: JSON lines with request, tenant and trace ids, personal data redacted. */
export const log = createLogger(() => env().LOG_LEVEL);
