"use client";
import { useMutation } from "@tanstack/react-query";
import { Button } from "@vendaflow/ui/button";
import { nav as navText } from "@/lib/i18n/pt-br/common";
import { useTRPC } from "@/lib/trpc/client";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { nav: navText };

/** Revokes the server-side session first, then clears the cookie. */
export function LogoutButton() {
  const trpc = useTRPC();
  const logout = useMutation(trpc.auth.logout.mutationOptions());
  return (
    <Button
      variant="ghost"
      size="sm"
      loading={logout.isPending}
      onClick={async () => {
        // next-auth's client is fetched on the click: every page's header carries the button, few are left by it.
        const [{ signOut }] = await Promise.all([import("next-auth/react"), logout.mutateAsync().catch(() => undefined)]);
        await signOut({ redirectTo: "/login" });
      }}
    >
      {t.nav.logout}
    </Button>
  );
}
