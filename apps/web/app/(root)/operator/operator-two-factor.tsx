"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { TwoFactorCard } from "@/components/two-factor/two-factor-card";
import { operatorTwoFactor as operatorTwoFactorText } from "@/lib/i18n/pt-br/two-factor";
import { useTRPC } from "@/lib/trpc/client";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { o: operatorTwoFactorText };

/**
 * The operator's own "Verificação em duas etapas" on the console: Meu perfil's card over the
 * `operator.*` procedures. Turning it on or off and new recovery codes end the operator's other
 * sessions (the console lists none, so only the status is read again).
 */
export function OperatorTwoFactor() {
  const trpc = useTRPC();
  const status = useQuery(trpc.operator.twoFactor.queryOptions());
  const start = useMutation(trpc.operator.startTwoFactor.mutationOptions());
  const confirm = useMutation(trpc.operator.confirmTwoFactor.mutationOptions());
  const disable = useMutation(trpc.operator.disableTwoFactor.mutationOptions());
  const regenerate = useMutation(trpc.operator.regenerateRecoveryCodes.mutationOptions());
  return (
    <TwoFactorCard
      email={status.data?.email}
      label={t.o.fileLabel}
      api={{ status, start: start.mutateAsync, confirm: confirm.mutateAsync, disable: disable.mutateAsync, regenerate: regenerate.mutateAsync, afterChange: () => status.refetch() }}
    />
  );
}
