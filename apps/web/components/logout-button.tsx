"use client";
import { useMutation } from "@tanstack/react-query";
import { Button } from "@vendaflow/ui/button";
import { signOut } from "next-auth/react";
import { t } from "@/lib/i18n";
import { useTRPC } from "@/lib/trpc/client";

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
        await logout.mutateAsync().catch(() => undefined);
        await signOut({ redirectTo: "/login" });
      }}
    >
      {t.nav.logout}
    </Button>
  );
}
