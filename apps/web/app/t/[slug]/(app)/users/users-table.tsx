"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Badge } from "@vendaflow/ui/badge";
import { Button } from "@vendaflow/ui/button";
import { Dialog } from "@vendaflow/ui/dialog";
import { EmptyState } from "@vendaflow/ui/empty-state";
import { FormField } from "@vendaflow/ui/form-field";
import { Input } from "@vendaflow/ui/input";
import { PageHeader } from "@vendaflow/ui/page-header";
import { Select, SelectOption } from "@vendaflow/ui/select";
import { Skeleton } from "@vendaflow/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@vendaflow/ui/table";
import { useToast } from "@vendaflow/ui/toast";
import dynamic from "next/dynamic";
import { useState } from "react";
import { useForm } from "@/components/use-form";
import { common as commonText, roles as rolesText } from "@/lib/i18n/pt-br/common";
import { usersTwoFactor as usersTwoFactorText } from "@/lib/i18n/pt-br/two-factor";
import { users as usersText } from "@/lib/i18n/pt-br/workspace-users";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage, fieldErrors } from "@/lib/trpc/errors";
import { FormActions } from "@/components/form-actions";
import { RowActions } from "@/components/row-actions";
import { useConfirm } from "@/components/confirm";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { common: commonText, roles: rolesText, users: usersText, f: usersTwoFactorText };

const ROLES = ["admin", "agent", "viewer"] as const;

// Deactivating (and "Transferir carteira") asks where the person's open work goes: its dialog loads when opened.
const TransferWorkDialog = dynamic(() => import("./transfer-work-dialog"), { ssr: false });
type WorkDialog = { userId: string; mode: "deactivate" | "transfer" };

export function UsersTable({ me, canManage }: { me: string; canManage: boolean }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const users = useQuery(trpc.users.list.queryOptions());
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.users.list.queryKey() });
  const onError = (err: unknown) => toast.error(errorMessage(err));
  const confirm = useConfirm();
  const changeRole = useMutation(
    trpc.users.changeRole.mutationOptions({
      // One's own change ended this session too: a reload lands on the sign-in page.
      onSuccess: (_r, v) => (v.userId === me ? window.location.reload() : (toast.success(t.common.saved), void refresh())),
      onError,
    }),
  );
  // A pick in the select signed the person out everywhere (and could demote oneself): it asks first.
  // An invite not yet accepted has no session to end, so it changes at once.
  const onRole = async (u: { id: string; name: string | null; email: string; invitePending: boolean }, role: (typeof ROLES)[number]) => {
    const self = u.id === me;
    if (!u.invitePending && !(await confirm({ title: t.users.confirmRoleTitle(u.name || u.email, t.roles[role]), description: self ? t.users.confirmOwnRole : t.users.confirmRole, actionLabel: t.users.confirmRoleAction, destructive: self }))) return;
    changeRole.mutate({ userId: u.id, role });
  };
  const [workDialog, setWorkDialog] = useState<WorkDialog | null>(null);
  // Cancelling an invite (a deactivation of someone who never signed in) says nothing; when the
  // invitee was already given deals or activities, the deactivation dialog asks where they go.
  const deactivate = useMutation(
    trpc.users.deactivate.mutationOptions({
      onSuccess: refresh,
      onError: (err, v) => (fieldErrors(err).transferTo ? setWorkDialog({ userId: v.userId, mode: "deactivate" }) : onError(err)),
    }),
  );
  const workPerson = workDialog ? users.data?.find((u) => u.id === workDialog.userId) : undefined;
  const onWorkDone = (res: { deals: number; activities: number; released?: number; reassigned?: number }) => {
    // A deactivation that sent conversations back says where they went; moved work says how much.
    if (workDialog?.mode === "deactivate") toast.success(t.users.deactivated(res.released ?? 0, res.reassigned ?? 0));
    if (res.deals || res.activities) toast.success(t.users.transferred(res.deals, res.activities));
    setWorkDialog(null);
    refresh();
  };
  const reactivate = useMutation(trpc.users.reactivate.mutationOptions({ onSuccess: refresh, onError }));
  const resetTwoFactor = useMutation(trpc.users.resetTwoFactor.mutationOptions({ onSuccess: () => { toast.success(t.f.done); refresh(); }, onError }));
  const invite = useMutation(trpc.users.invite.mutationOptions());
  // Sending an invite again (a lost e-mail, an expired link, a cancelled invite) is inviting the same address.
  const resend = useMutation(trpc.users.invite.mutationOptions({ onSuccess: (res, v) => { toast.success(res.mailQueued ? t.users.inviteMailQueued : t.users.resent(v.email)); refresh(); }, onError }));
  const [inviteOpen, setInviteOpen] = useState(false);
  const form = useForm({ email: "", role: "agent" }, async (v) => {
    const res = await invite.mutateAsync({ email: v.email, role: v.role as (typeof ROLES)[number] });
    toast.success(res.mailQueued ? t.users.inviteMailQueued : t.users.invited);
    setInviteOpen(false);
    form.setValues({ email: "", role: "agent" });
    refresh();
  });

  return (
    <div className="space-y-6">
      <PageHeader title={t.users.title} description={t.users.description} actions={canManage ? <Button onClick={() => setInviteOpen(true)}>{t.users.invite}</Button> : null} />
      {users.isLoading ? <Skeleton className="h-48" /> : null}
      {users.error ? (
        <Alert variant="destructive"><AlertDescription>{t.common.loadError} <Button variant="link" onClick={() => users.refetch()}>{t.common.retry}</Button></AlertDescription></Alert>
      ) : null}
      {users.data && users.data.length === 0 ? <EmptyState title={t.users.empty} /> : null}
      {users.data && users.data.length > 0 ? (
        <Table>
          <TableHeader>
            <TableRow><TableHead>{t.common.name}</TableHead><TableHead>{t.common.email}</TableHead><TableHead>{t.users.role}</TableHead><TableHead>{t.users.status}</TableHead><TableHead>{t.f.column}</TableHead>{canManage ? <TableHead><span className="sr-only">{t.common.actions}</span></TableHead> : null}</TableRow>
          </TableHeader>
          <TableBody>
            {users.data.map((u) => (
              <TableRow key={u.id} data-testid="user-row" data-email={u.email}>
                <TableCell>{u.name || "—"} {u.id === me ? <span className="text-muted-foreground">{t.users.you}</span> : null}</TableCell>
                <TableCell>{u.email}</TableCell>
                <TableCell>
                  {canManage ? (
                    <Select aria-label={t.users.changeRole} wrapperClassName="min-w-40" value={u.role} disabled={changeRole.isPending} onChange={(e) => void onRole(u, e.target.value as (typeof ROLES)[number])}>
                      {ROLES.map((r) => <SelectOption key={r} value={r}>{t.roles[r]}</SelectOption>)}
                    </Select>
                  ) : (
                    t.roles[u.role]
                  )}
                </TableCell>
                <TableCell>
                  {u.invitePending ? (
                    u.is_active ? <Badge variant="warning">{t.users.pending}</Badge> : <Badge variant="secondary">{t.users.cancelled}</Badge>
                  ) : u.is_active ? <Badge variant="success">{t.users.active}</Badge> : <Badge variant="secondary">{t.users.inactive}</Badge>}
                </TableCell>
                <TableCell data-testid="user-2fa">{u.twoFactor ? <Badge variant="outline" title={t.f.on}>{t.f.column}<span className="sr-only">: {t.f.on}</span></Badge> : <span aria-hidden="true" className="text-muted-foreground">—</span>}</TableCell>
                {canManage ? (
                  <TableCell className="text-right">
                    <RowActions
                      actions={[
                        u.invitePending && { label: t.users.resendInvite, onClick: () => resend.mutate({ email: u.email, role: u.role }) },
                        u.invitePending && u.is_active && { label: t.users.cancelInvite, confirm: t.users.confirmCancelInvite, onClick: () => deactivate.mutate({ userId: u.id }) },
                        !u.invitePending && u.id !== me && u.is_active && { label: t.users.deactivate, onClick: () => setWorkDialog({ userId: u.id, mode: "deactivate" }) },
                        !u.invitePending && u.id !== me && !u.is_active && { label: t.users.reactivate, onClick: () => reactivate.mutate({ userId: u.id }) },
                        !u.invitePending && !u.is_active && { label: t.users.transferWork, onClick: () => setWorkDialog({ userId: u.id, mode: "transfer" }) },
                        u.twoFactor && u.id !== me && { label: t.f.reset, confirm: t.f.confirmReset, onClick: () => resetTwoFactor.mutate({ userId: u.id }) },
                      ]}
                    />
                  </TableCell>
                ) : null}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}
      {canManage && workDialog && workPerson && users.data ? (
        <TransferWorkDialog key={`${workDialog.mode}-${workPerson.id}`} person={workPerson} mode={workDialog.mode} people={users.data} onClose={() => setWorkDialog(null)} onDone={onWorkDone} />
      ) : null}
      {canManage ? (
        <Dialog open={inviteOpen} onOpenChange={setInviteOpen} title={t.users.inviteTitle}>
          <form onSubmit={form.onSubmit} className="space-y-4" noValidate>
            <FormField label={t.common.email} error={form.errors.email} required><Input {...form.field("email")} type="email" /></FormField>
            <FormField label={t.users.role} error={form.errors.role}>
              <Select {...form.field("role")}>{ROLES.map((r) => <SelectOption key={r} value={r}>{t.roles[r]}</SelectOption>)}</Select>
            </FormField>
            {form.formError ? <Alert variant="destructive"><AlertDescription>{form.formError}</AlertDescription></Alert> : null}
            <FormActions onCancel={() => setInviteOpen(false)} submitLabel={t.users.invite} pending={form.pending} />
          </form>
        </Dialog>
      ) : null}
    </div>
  );
}
