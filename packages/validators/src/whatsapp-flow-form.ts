import { z } from "zod";

/** The Flow JSON of an inbox's qualification form (core/whatsapp/flow-form.ts), to upload to Meta. */
export const flowFormJsonInput = z.object({ inboxId: z.uuid() });
