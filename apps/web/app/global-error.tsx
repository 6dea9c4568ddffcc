"use client";

import { ErrorView } from "@/components/error-view";
import "./globals.css";

/** The root layout itself failed: this replaces it, so it brings its own html and body. */
export default function GlobalError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="pt-BR">
      <body className="min-h-screen bg-background text-foreground antialiased">
        <ErrorView {...props} />
      </body>
    </html>
  );
}
