"use client";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { useConfirm, type ConfirmRequest } from "@/components/confirm";

/** Marks the extra history entry the guard keeps on top of the page while edits are unsaved. */
const GUARD = "__vfLeaveGuard";
const onGuard = () => Boolean((window.history.state as Record<string, unknown> | null)?.[GUARD]);
const pushGuard = () => window.history.pushState({ ...(window.history.state as object), [GUARD]: true }, "", window.location.href);

/**
 * While `active` (unsaved edits), leaving the page asks first. Closing or reloading the tab gets
 * the browser's own prompt (beforeunload); a click on a link of the app (the sidebar, "Voltar")
 * is a client-side navigation that beforeunload never sees, so it is held here, in the capture
 * phase before Next's <Link> handles it, and followed only if the user confirms. The browser's
 * Back (a phone's back gesture too) cannot be held: it is a popstate, already done when heard. So
 * the page keeps a copy of its own history entry on top while dirty; Back lands on the page
 * itself, the question is asked there, and leaving goes back once more (staying puts the copy back).
 */
export function useLeaveGuard(active: boolean, question: ConfirmRequest) {
  const router = useRouter();
  const confirm = useConfirm();
  const { title, description, actionLabel } = question;
  const guarded = useRef(false);
  useEffect(() => {
    if (!active) {
      // Saved: drop the copy, so that one Back leaves, as on any page.
      if (guarded.current && onGuard()) window.history.back();
      guarded.current = false;
      return;
    }
    if (!onGuard()) pushGuard();
    guarded.current = true;
    let leaving = false;
    const ask = () => confirm({ title, description, actionLabel });
    const onBeforeUnload = (e: BeforeUnloadEvent) => e.preventDefault();
    const onClick = (e: MouseEvent) => {
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const link = e.target instanceof Element ? e.target.closest("a[href]") : null;
      if (!(link instanceof HTMLAnchorElement) || (link.target && link.target !== "_self") || link.hasAttribute("download")) return;
      const url = new URL(link.href, window.location.href);
      // Another site is a full page load: beforeunload asks. A link within the page (#step-2) leaves nothing.
      if (url.origin !== window.location.origin) return;
      if (url.pathname === window.location.pathname && url.search === window.location.search) return;
      e.preventDefault();
      e.stopPropagation();
      void ask().then((leave) => {
        if (!leave) return;
        leaving = true;
        guarded.current = false;
        // The next page takes the copy's place: Back from it returns here once, not twice.
        const href = `${url.pathname}${url.search}${url.hash}`;
        if (onGuard()) router.replace(href);
        else router.push(href);
      });
    };
    const onPopState = () => {
      // Forward onto the copy again, or the second Back of a confirmed leave: nothing to ask.
      if (leaving || onGuard()) return;
      guarded.current = false;
      void ask().then((leave) => {
        if (!leave) {
          pushGuard();
          guarded.current = true;
          return;
        }
        leaving = true;
        window.history.back();
      });
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    window.addEventListener("popstate", onPopState);
    document.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload);
      window.removeEventListener("popstate", onPopState);
      document.removeEventListener("click", onClick, true);
    };
  }, [active, confirm, router, title, description, actionLabel]);
}
