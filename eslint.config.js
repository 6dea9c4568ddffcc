import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

// Import direction (docs/architecture.md): apps → api → core → db; connectors implement core's
// ports; validators are imported by all and import nothing of ours. tests/lint/import-direction.test.ts
// plants a violation per rule and checks that it fires.
const framework = { group: ["next", "next/*", "next-auth", "next-auth/*", "@trpc/*", "react", "react-dom"], message: "core, db, validators and connectors stay framework-free (docs/architecture.md)." };
const ours = (names, message) => ({ group: names.flatMap((n) => [`@vendaflow/${n}`, `@vendaflow/${n}/*`]), message });
const restrict = (...patterns) => ["error", { patterns }];
const importDirection = {
  core: restrict(
    framework,
    ours(["connectors"], "core declares ports (packages/core/src/ports); adapters in connectors implement them, never the reverse."),
    ours(["api", "web", "ui", "sdk", "widget"], "core is imported by the apps, never the reverse."),
    { group: ["@upstash/*", "nodemailer", "stripe", "@neondatabase/*"], message: "Outside SDKs belong in packages/connectors behind a port." },
  ),
  db: restrict(framework, ours(["core", "connectors", "api", "web", "ui", "sdk", "widget"], "db is a library under core: it imports none of our packages but validators.")),
  validators: restrict(framework, ours(["core", "db", "connectors", "api", "web", "ui", "sdk", "widget"], "validators import nothing of ours (only zod): everyone imports them.")),
  connectors: restrict(framework, ours(["api", "web", "ui", "sdk", "widget"], "connectors implement core's ports; they never reach the apps.")),
};
const clockMessage = "core takes time from its caller's clock (deps.now / a `now` argument), or the database's now() for a write-time stamp (packages/core/src/ports/clock.ts).";
const clockRule = [
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: clockMessage },
  { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: clockMessage },
  { selector: "CallExpression[callee.name='Date']", message: clockMessage },
];
// Under RLS, Postgres applies a condition with a function it does not mark leakproof (lower())
// after the tenant policy, never as an index condition: a lookup by `lower(email)` reads every row
// of the tenant. Leads, contacts and users keep a stored `email_key` (db/migrations/0139); leads a
// `wa_username_key`, companies a `name_key` and the (global, unindexed before) dev outbox a
// `to_address_key` (0141). tests/lint/email-lookup.test.ts plants each form and checks that it fires.
const lookupKeys = [
  { column: "email", key: "email_key", migration: "0139_email_keys.sql" },
  { column: "wa_username", key: "wa_username_key", migration: "0141_lookup_keys.sql" },
  { column: "to_address", key: "to_address_key", migration: "0141_lookup_keys.sql" },
  { column: "name", key: "name_key", migration: "0141_lookup_keys.sql" },
];
const lookupMessage = ({ column, key, migration }) =>
  `Look ${column} up by the stored \`${key}\` column (\`${key} = <lower-cased input>\`): under RLS \`lower(${column})\` is never an index condition (db/migrations/${migration}; a table without \`${key}\` needs one the same way).`;
const lookupKeyRule = lookupKeys.flatMap((k) => [
  { selector: `TemplateElement[value.raw=/lower\\(\\s*(\\w+\\.)?${k.column}\\s*\\)/i]`, message: lookupMessage(k) },
  { selector: `CallExpression[callee.property.name='fn'][arguments.0.value='lower'] > ArrayExpression > Literal[value=/(^|\\.)${k.column}$/]`, message: lookupMessage(k) },
]);
export default tseslint.config(
  { ignores: ["**/node_modules/**", "**/.next/**", "**/dist/**", "**/.data/**", "**/.turbo/**", "apps/web/public/**", "**/next-env.d.ts"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-empty": ["error", { allowEmptyCatch: true }],
    },
  },
  { files: ["packages/core/**"], rules: { "no-restricted-imports": importDirection.core } },
  {
    // Core reads time from its caller's clock (deps.now, the Clock port, or a `now` argument), so
    // tests can fix it; a timestamp that only records when a row was written uses the database's
    // now(). tests/lint/clock.test.ts plants each form and checks that it fires. And e-mails,
    // WhatsApp usernames, outbox addresses and names are looked up by their stored keys (lookupKeyRule above).
    files: ["packages/core/src/**/*.ts"],
    ignores: ["**/*.test.ts"],
    rules: { "no-restricted-syntax": ["error", ...clockRule, ...lookupKeyRule] },
  },
  { files: ["packages/db/**"], rules: { "no-restricted-imports": importDirection.db } },
  { files: ["packages/validators/**"], rules: { "no-restricted-imports": importDirection.validators } },
  { files: ["packages/connectors/**"], rules: { "no-restricted-imports": importDirection.connectors } },
  {
    // The widget ships to leads' browsers: it may take wire types from validators (type-only, so the
    // bundle does not grow) and nothing else of ours.
    files: ["apps/widget/**"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            { ...ours(["validators"], "The widget imports validators' wire types with `import type` only (bundle size)."), allowTypeImports: true },
            ours(["web", "ui", "api", "core", "db", "connectors", "sdk"], "The widget is a standalone bundle: it imports nothing of ours but validators' types."),
          ],
        },
      ],
    },
  },
  {
    // apps/web imports from its root through the `@/` alias (tsconfig paths), never by climbing `../`.
    files: ["apps/web/**/*.{ts,tsx}"],
    rules: { "no-restricted-imports": ["error", { patterns: [{ regex: "^\\.\\./", message: "Import through the `@/` alias (e.g. `@/lib/i18n`), not `../`." }] }] },
  },
  {
    // Tests read arbitrary JSON from wire formats (Meta, tRPC); typing every probe adds noise, not safety.
    files: ["tests/**"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    // Environment is read once, in the env modules; everything else receives config. Start-up
    // (instrumentation.ts and its Node part) reads it before, to set up tracing and to run the check.
    files: ["apps/web/**/*.{ts,tsx}", "packages/api/**/*.ts"],
    ignores: ["apps/web/lib/env.ts", "apps/web/instrumentation.ts", "apps/web/lib/server/node-startup.ts", "apps/web/next.config.ts"],
    rules: { "no-restricted-properties": ["error", { object: "process", property: "env", message: "Read configuration from lib/env.ts." }] },
  },
);
