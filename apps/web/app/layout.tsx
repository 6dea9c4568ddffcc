import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import "./globals.css";

/**
 * On a phone the on-screen keyboard shrinks the layout (Chrome on Android reads this; iOS Safari
 * ignores it and pans as before): the inbox is one screen tall (100dvh), so its composer sits right
 * above the keyboard with the timeline shortened, instead of the page panned away from its header.
 */
export const viewport: Viewport = { width: "device-width", initialScale: 1, interactiveWidget: "resizes-content" };

export const metadata: Metadata = { title: { default: "Vendaflow", template: "%s · Vendaflow" }, description: "Qualificação de leads com BANT no WhatsApp e no site." };

/**
 * Reading the request's headers makes every page render per request, so each one carries the
 * nonce proxy.ts put in its CSP (a prerendered page would have scripts without it, all blocked).
 */
export default async function RootLayout({ children }: { children: ReactNode }) {
  await headers();
  return (
    <html lang="pt-BR">
      <body className="min-h-screen bg-background text-foreground antialiased">{children}</body>
    </html>
  );
}
