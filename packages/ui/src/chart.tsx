"use client";
import * as React from "react";
import * as Recharts from "recharts";

import { cn } from "./cn";

/**
 * shadcn/ui's chart pieces over Recharts: a container that sizes the chart to its box and names
 * each series' label and colour once (`config`), a tooltip and a legend that read those names.
 * Series colours are CSS variables (`--color-<key>`), so a chart's bars say `fill="var(--color-won)"`.
 * Import this only from a lazily loaded module: Recharts is the largest thing a page can pull in.
 */
export type ChartConfig = Record<string, { label: React.ReactNode; color?: string }>;

const ChartContext = React.createContext<ChartConfig | null>(null);

function useChartConfig(): ChartConfig {
  const config = React.useContext(ChartContext);
  if (!config) throw new Error("useChartConfig must be used within a <ChartContainer />");
  return config;
}

export function ChartContainer({ config, className, style, children, ...props }: Omit<React.ComponentProps<"div">, "children"> & { config: ChartConfig; children: React.ReactElement }) {
  const vars = Object.fromEntries(Object.entries(config).flatMap(([key, c]) => (c.color ? [[`--color-${key}`, c.color]] : [])));
  return (
    <ChartContext.Provider value={config}>
      <div
        data-slot="chart"
        className={cn(
          "flex aspect-video w-full justify-center text-xs [&_.recharts-cartesian-axis-tick_text]:fill-muted-foreground [&_.recharts-cartesian-grid_line]:stroke-border/60 [&_.recharts-rectangle.recharts-tooltip-cursor]:fill-muted [&_.recharts-surface]:outline-hidden",
          className,
        )}
        style={{ ...vars, ...style }}
        {...props}
      >
        <Recharts.ResponsiveContainer>{children}</Recharts.ResponsiveContainer>
      </div>
    </ChartContext.Provider>
  );
}

export const ChartTooltip = Recharts.Tooltip;
export const ChartLegend = Recharts.Legend;

interface TooltipItem {
  dataKey?: unknown;
  name?: unknown;
  value?: unknown;
  color?: string;
}

/** Tooltip body: the category, then one line per series with its configured label and the formatted value. */
export function ChartTooltipContent({
  active,
  payload,
  label,
  labelFormatter,
  valueFormatter,
}: {
  active?: boolean;
  payload?: readonly TooltipItem[];
  label?: unknown;
  labelFormatter?: (label: unknown) => React.ReactNode;
  valueFormatter?: (value: number, key: string) => React.ReactNode;
}) {
  const config = useChartConfig();
  if (!active || !payload?.length) return null;
  return (
    <div className="grid min-w-32 gap-1.5 rounded-lg border bg-background px-2.5 py-1.5 text-xs shadow-xl">
      <div className="font-medium">{labelFormatter ? labelFormatter(label) : String(label ?? "")}</div>
      {payload.map((item) => {
        const key = String(item.dataKey ?? item.name ?? "");
        return (
          <div key={key} className="flex items-center gap-2">
            <span className="size-2.5 shrink-0 rounded-[2px]" style={{ background: item.color ?? `var(--color-${key})` }} />
            <span className="text-muted-foreground">{config[key]?.label ?? key}</span>
            <span className="ml-auto font-mono font-medium tabular-nums">{valueFormatter ? valueFormatter(Number(item.value), key) : String(item.value ?? "")}</span>
          </div>
        );
      })}
    </div>
  );
}

/** Legend: the configured label of each series beside its colour. */
export function ChartLegendContent({ payload }: { payload?: readonly { dataKey?: unknown; value?: unknown; color?: string }[] }) {
  const config = useChartConfig();
  if (!payload?.length) return null;
  return (
    <div className="flex items-center justify-center gap-4 pt-3">
      {payload.map((item) => {
        const key = String(item.dataKey ?? item.value ?? "");
        return (
          <div key={key} className="flex items-center gap-1.5">
            <span className="size-2 shrink-0 rounded-[2px]" style={{ background: item.color }} />
            {config[key]?.label ?? key}
          </div>
        );
      })}
    </div>
  );
}
