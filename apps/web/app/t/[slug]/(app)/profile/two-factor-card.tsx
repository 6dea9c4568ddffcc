"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { TwoFactorCard as Card } from "@/components/two-factor/two-factor-card";
import { useTRPC } from "@/lib/trpc/client";

/**
 * Meu perfil's "Verificação em duas etapas" (components/two-factor/two-factor-card.tsx) over the
 * `profile.*` procedures; after a change, the sessions card is read again (it shows only this one).
 */
export function TwoFactorCard({ email, workspace }: { email: string | undefined; workspace: string | undefined }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const status = useQuery(trpc.profile.twoFactor.queryOptions());
  const start = useMutation(trpc.profile.startTwoFactor.mutationOptions());
  const confirm = useMutation(trpc.profile.confirmTwoFactor.mutationOptions());
  const disable = useMutation(trpc.profile.disableTwoFactor.mutationOptions());
  const regenerate = useMutation(trpc.profile.regenerateRecoveryCodes.mutationOptions());
  return (
    <Card
      email={email}
      label={workspace}
      api={{
        status,
        start: start.mutateAsync,
        confirm: confirm.mutateAsync,
        disable: disable.mutateAsync,
        regenerate: regenerate.mutateAsync,
        afterChange: () => Promise.all([status.refetch(), qc.invalidateQueries({ queryKey: trpc.profile.sessions.queryKey() })]),
      }}
    />
  );
}
