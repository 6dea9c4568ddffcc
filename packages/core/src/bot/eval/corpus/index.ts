import type { EvalCase } from "../case";
import { authorityCases } from "./authority";
import { budgetCases } from "./budget";
import { emailCases, nameCases } from "./contact";
import { frustrationCases } from "./frustration";
import { heldOutCases } from "./held-out";
import { intentCases } from "./intents";
import { needCases } from "./need";
import { timelineCases } from "./timeline";

export const corpus: EvalCase[] = [
  ...nameCases, ...emailCases, ...budgetCases, ...authorityCases, ...needCases, ...timelineCases, ...intentCases, ...frustrationCases,
];

export { heldOutCases };
