import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

const frameworkImports = {
  patterns: [
    { group: ["next", "next/*", "next-auth", "next-auth/*", "@trpc/*", "react", "react-dom"], message: "core, db and validators stay framework-free (docs/architecture.md)." },
  ],
};

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
  {
    files: ["packages/core/**", "packages/db/**", "packages/validators/**", "packages/connectors/**"],
    rules: { "no-restricted-imports": ["error", frameworkImports] },
  },
  {
    // Tests read arbitrary JSON from wire formats (Meta, tRPC); typing every probe adds noise, not safety.
    files: ["tests/**"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    // Environment is read once, in the env modules; everything else receives config.
    files: ["apps/web/**/*.{ts,tsx}", "packages/api/**/*.ts"],
    ignores: ["apps/web/lib/env.ts", "apps/web/instrumentation.ts", "apps/web/next.config.ts"],
    rules: { "no-restricted-properties": ["error", { object: "process", property: "env", message: "Read configuration from lib/env.ts." }] },
  },
);
