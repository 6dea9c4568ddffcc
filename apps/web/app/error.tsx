"use client";

import { ErrorView } from "@/components/error-view";

/** A page (or the dashboard's layout) that failed to render: pt-BR in place of Next's English default. */
export default function PageError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorView {...props} />;
}
