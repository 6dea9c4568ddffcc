"use client";

import { Fragment } from "react";
import type { LucideIcon } from "lucide-react";
import { Button } from "@vendaflow/ui/button";
import { useConfirm } from "@/components/confirm";

export interface RowAction {
  label: string;
  /** Names the row too ("Editar time Vendas"), for screen readers and tests. */
  ariaLabel?: string;
  icon?: LucideIcon;
  /** Asked (useConfirm) before onClick runs (destructive actions). */
  confirm?: string;
  pending?: boolean;
  onClick: () => void;
}

/** The buttons at the end of a list row or card header (edit, delete, deactivate…); falsy entries are skipped. */
export function RowActions({ actions }: { actions: (RowAction | false | null | undefined)[] }) {
  const shown = actions.filter((a): a is RowAction => Boolean(a));
  const confirm = useConfirm();
  return (
    <>
      {shown.map((a, i) => (
        <Fragment key={a.label}>
          {i ? " " : null}
          <Button size="sm" variant="outline" aria-label={a.ariaLabel} loading={a.pending} onClick={async () => (!a.confirm || (await confirm({ title: a.confirm, actionLabel: a.label }))) && a.onClick()}>
            {a.icon ? <a.icon aria-hidden="true" /> : null}
            {a.label}
          </Button>
        </Fragment>
      ))}
    </>
  );
}
