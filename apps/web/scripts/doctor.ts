// `pnpm run doctor`: checks the environment of this shell (e.g. after `vercel env pull`, docs/production.md)
// and prints what is missing or wrong; exits 1 when something must be fixed.
import { checkConfig, checkServices, formatFindings } from "@/lib/server/doctor";

// A process entry point, like lib/env.ts: it reads the environment it was given.
// eslint-disable-next-line no-restricted-properties
const source = process.env;
const { env, findings } = checkConfig(source);
if (env) findings.push(...(await checkServices(env, source.DATABASE_OWNER_URL)));
const { text, failed } = formatFindings(findings);
console.log(text);
process.exit(failed ? 1 : 0);
