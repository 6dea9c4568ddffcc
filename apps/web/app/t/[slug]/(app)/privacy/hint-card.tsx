import { Card, CardContent, CardHeader, CardTitle } from "@vendaflow/ui/card";
import type { ReactNode } from "react";

/** A privacy page card: its title, a line on what it is for, then its content. */
export function HintCard({ title, hint, contentClassName, children }: { title: string; hint: string; contentClassName?: string; children: ReactNode }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>{title}</CardTitle>
        <p className="text-xs text-muted-foreground">{hint}</p>
      </CardHeader>
      <CardContent className={contentClassName}>{children}</CardContent>
    </Card>
  );
}
