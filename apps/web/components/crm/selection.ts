"use client";
import { useState } from "react";

// Apart from ./bulk-bar so that a list's first load holds the selection state without the bar's code.

/** The rows ticked in a CRM table (ids of the loaded pages). */
export interface Selection {
  ids: ReadonlySet<string>;
  toggle: (id: string, on: boolean) => void;
  setAll: (ids: string[], on: boolean) => void;
  clear: () => void;
}

export function useSelection(): Selection {
  const [ids, setIds] = useState<ReadonlySet<string>>(new Set());
  return {
    ids,
    toggle: (id, on) => setIds((s) => { const n = new Set(s); if (on) n.add(id); else n.delete(id); return n; }),
    setAll: (all, on) => setIds((s) => { const n = new Set(s); for (const id of all) if (on) n.add(id); else n.delete(id); return n; }),
    clear: () => setIds(new Set()),
  };
}
