import { useEffect } from "react";
import type { AnalyticsFilter } from "@vendaflow/validators/analytics";
import { presetRange, type Preset } from "@/lib/analytics/range";

/**
 * A preset ("últimos 7 dias") ends today in São Paulo: on a dashboard left open overnight it
 * moves with the day, checked each minute and whenever the tab is seen again, so the morning's
 * figures are not yesterday's. A custom period stays as picked.
 */
export function usePresetRollover(preset: Preset | "custom", setFilter: (update: (f: AnalyticsFilter) => AnalyticsFilter) => void) {
  useEffect(() => {
    if (preset === "custom") return;
    const roll = () => {
      const range = presetRange(preset, new Date());
      setFilter((f) => (f.to === range.to && f.from === range.from ? f : { ...f, ...range }));
    };
    // Also at once: the page may have been rendered before midnight and hydrated (or restored) after.
    roll();
    const timer = setInterval(roll, 60_000);
    document.addEventListener("visibilitychange", roll);
    return () => {
      clearInterval(timer);
      document.removeEventListener("visibilitychange", roll);
    };
  }, [preset, setFilter]);
}
