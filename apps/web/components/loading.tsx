"use client";
import { Skeleton } from "@vendaflow/ui/skeleton";
import { Spinner } from "@vendaflow/ui/spinner";
import { lazy, Suspense, type ComponentType, type ReactNode } from "react";
import { common as commonText } from "@/lib/i18n/pt-br/common";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { common: commonText };

// Parts of a page loaded on demand: their code is not in the route's first load, which stays
// within the 200 KB gzipped budget (`BENCH_ONLY=bundles pnpm bench`).

/**
 * A component whose code is fetched the first time it renders, showing `fallback` meanwhile
 * (React.lazy + Suspense; next/dynamic would add its own loader to every route using it).
 */
export function onDemand<P extends object>(load: () => Promise<ComponentType<P>>, fallback: () => ReactNode): ComponentType<P> {
  const Lazy = lazy(() => load().then((component) => ({ default: component })));
  function OnDemand(props: P) {
    return (
      <Suspense fallback={fallback()}>
        <Lazy {...props} />
      </Suspense>
    );
  }
  return OnDemand;
}

/** A dialog whose code is on its way: a spinner over the page, where the dialog will open. */
export function DialogLoading() {
  return (
    <div className="fixed inset-0 z-50 grid place-items-center bg-black/20" aria-busy="true" data-testid="dialog-loading">
      <Spinner size="lg" label={t.common.loading} />
    </div>
  );
}

/** A card or panel whose code is on its way. */
export function CardLoading({ className = "h-40" }: { className?: string }) {
  return (
    <div role="status" aria-label={t.common.loading}>
      <Skeleton className={`w-full ${className}`} />
    </div>
  );
}
