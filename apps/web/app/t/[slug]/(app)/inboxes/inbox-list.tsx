"use client";
import { InboxCard } from "./inbox-card";
import type { InboxView, Origins } from "./urls";

/** The loaded list of inboxes (inboxes-view.tsx loads it on demand): one card per inbox. */
export function InboxList({ inboxes, canManage, origins, onChanged, onReconnect }: { inboxes: InboxView[]; canManage: boolean; origins: Origins; onChanged: () => void; onReconnect: (inbox: InboxView) => void }) {
  return (
    <div className="space-y-4">
      {inboxes.map((inbox) => <InboxCard key={inbox.id} inbox={inbox} canManage={canManage} origins={origins} onChanged={onChanged} onReconnect={() => onReconnect(inbox)} />)}
    </div>
  );
}
