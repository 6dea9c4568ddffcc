"use client";
import { useRouter } from "next/navigation";
import { useEffect } from "react";

const typing = (el: EventTarget | null) => el instanceof HTMLElement && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));

/**
 * "/" (outside a field) and Ctrl+K / ⌘K put the cursor in the header's search; on a phone, where
 * the field is hidden, they open the search page. Renders nothing: the field stays a plain form.
 */
export function SearchShortcut() {
  const router = useRouter();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.isComposing) return;
      const slash = e.key === "/" && !e.ctrlKey && !e.metaKey && !typing(e.target);
      const k = (e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "k";
      if (!slash && !k) return;
      e.preventDefault();
      const field = document.querySelector<HTMLInputElement>('[data-testid="header-search"]');
      if (field && field.offsetParent !== null) {
        field.focus();
        field.select();
      } else router.push("/search");
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [router]);
  return null;
}
