"use client";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { useConfirm, type ConfirmRequest } from "@/components/confirm";

/**
 * While `active` (unsaved edits), leaving the page asks first. Closing or reloading the tab gets
 * the browser's own prompt (beforeunload); a click on a link of the app (the sidebar, "Voltar")
 * is a client-side navigation that beforeunload never sees, so it is held here, in the capture
 * phase before Next's <Link> handles it, and followed only if the user confirms.
 */
export function useLeaveGuard(active: boolean, question: ConfirmRequest) {
  const router = useRouter();
  const confirm = useConfirm();
  const { title, description, actionLabel } = question;
  useEffect(() => {
    if (!active) return;
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
      void confirm({ title, description, actionLabel }).then((leave) => {
        if (leave) router.push(`${url.pathname}${url.search}${url.hash}`);
      });
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    document.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload);
      document.removeEventListener("click", onClick, true);
    };
  }, [active, confirm, router, title, description, actionLabel]);
}
