"use client";
import { Input } from "@vendaflow/ui/input";
import { Select } from "@vendaflow/ui/select";
import { useId, useState } from "react";
import { inboxes as inboxesText } from "@/lib/i18n/pt-br/inboxes";
import { CopyBlock } from "./copy-block";
import { BUBBLE_BOTTOM_MAX, widgetSnippet, type BubblePlacement } from "./urls";

const t = { inboxes: inboxesText };

/**
 * The widget's snippet with where its bubble sits: the corner and the height above the page's
 * bottom edge (a cookie bar, a site's own chat or "back to top" button). They live in the snippet
 * (loader.js reads them before anything loads), so choosing them here only rewrites the code to copy.
 */
export function SnippetField({ tenantOrigin, publicKey }: { tenantOrigin: string; publicKey: string }) {
  const id = useId();
  const [place, setPlace] = useState<BubblePlacement>({ side: "right", bottom: 20 });
  const [bottomText, setBottomText] = useState("20");
  const onBottom = (text: string) => {
    setBottomText(text);
    const n = Number(text);
    if (text !== "" && Number.isInteger(n) && n >= 0 && n <= BUBBLE_BOTTOM_MAX) setPlace((p) => ({ ...p, bottom: n }));
  };
  const bottomInvalid = bottomText !== String(place.bottom);
  return (
    <div className="space-y-2">
      <CopyBlock value={widgetSnippet(tenantOrigin, publicKey, place)} label={t.inboxes.snippet} multiline wrap testId="widget-snippet" />
      <div className="flex flex-wrap items-end gap-3">
        <div className="space-y-1">
          <label htmlFor={`${id}-side`} className="text-xs font-medium">{t.inboxes.bubbleSide}</label>
          <Select id={`${id}-side`} wrapperClassName="w-40" value={place.side} onChange={(e) => setPlace((p) => ({ ...p, side: e.target.value === "left" ? "left" : "right" }))}>
            <option value="right">{t.inboxes.bubbleSides.right}</option>
            <option value="left">{t.inboxes.bubbleSides.left}</option>
          </Select>
        </div>
        <div className="space-y-1">
          <label htmlFor={`${id}-bottom`} className="text-xs font-medium">{t.inboxes.bubbleBottom}</label>
          <Input id={`${id}-bottom`} className="w-28" type="number" inputMode="numeric" min={0} max={BUBBLE_BOTTOM_MAX} step={1} value={bottomText} onChange={(e) => onBottom(e.target.value)} aria-invalid={bottomInvalid || undefined} aria-describedby={`${id}-bottom-hint`} />
        </div>
      </div>
      <p id={`${id}-bottom-hint`} className={bottomInvalid ? "text-xs text-destructive" : "text-xs text-muted-foreground"}>{t.inboxes.bubbleBottomHint(BUBBLE_BOTTOM_MAX)}</p>
    </div>
  );
}
