"use client";

import { useEffect, useRef, type ComponentProps } from "react";

import { cn } from "./cn";

const FOCUSABLE = 'a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])';

/**
 * A box that scrolls when its content is wider (a table on a phone). While it scrolls and nothing
 * in it can take focus, it takes focus itself, so a keyboard user can reach it and scroll it with
 * the arrows: Safari does not make such boxes focusable on its own (WCAG 2.1.1, axe's
 * scrollable-region-focusable). It is no extra tab stop where it does not scroll.
 */
export function ScrollRegion({ className, ...props }: ComponentProps<"div">) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const box = ref.current;
    if (!box) return;
    const update = () => {
      const scrolls = box.scrollWidth > box.clientWidth || box.scrollHeight > box.clientHeight;
      if (scrolls && !box.querySelector(FOCUSABLE)) box.tabIndex = 0;
      else box.removeAttribute("tabindex");
    };
    update();
    // The box resizes with the window; its content with rows loaded, added or removed.
    const sizes = new ResizeObserver(update);
    sizes.observe(box);
    for (const child of box.children) sizes.observe(child);
    const changes = new MutationObserver(update);
    changes.observe(box, { childList: true, subtree: true });
    return () => {
      sizes.disconnect();
      changes.disconnect();
    };
  }, []);
  return <div ref={ref} className={cn("focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring", className)} {...props} />;
}
