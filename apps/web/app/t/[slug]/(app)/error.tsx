"use client";

import { ErrorView } from "@/components/error-view";

/** A dashboard page that failed to render: the message inside the app's shell, its menu still there. */
export default function DashboardPageError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorView {...props} />;
}
