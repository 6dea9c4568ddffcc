import { automationActionSchema, automationConditionSchema } from "@vendaflow/validators/automations";
import { z } from "zod";

// An automation's stored jsonb as the editor starts from it (malformed lists start empty). Imported
// when "Editar" is clicked, with the editor: zod is not part of the page's first load.
export const storedConditions = (v: unknown) => z.array(automationConditionSchema).catch([]).parse(v);
export const storedActions = (v: unknown) => z.array(automationActionSchema).catch([]).parse(v);
