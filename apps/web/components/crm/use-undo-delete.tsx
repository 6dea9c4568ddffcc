"use client";
import { useToast } from "@vendaflow/ui/toast";
import { crmCommon } from "@/lib/i18n/pt-br/crm-common";
import { errorMessage } from "@/lib/trpc/errors";
import { undoToast } from "@/components/undo-toast";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { crm: crmCommon };

/**
 * Deletes are soft: the toast that confirms one offers "Desfazer", which restores the record
 * (the same setDeleted procedure with deleted: false). `after` refreshes whatever lists show it.
 */
export function useUndoDelete(setDeleted: (input: { id: string; deleted: boolean }) => Promise<unknown>, after: () => void) {
  const toast = useToast();
  return async (id: string, message: string) => {
    try {
      await setDeleted({ id, deleted: true });
    } catch (err) {
      toast.error(errorMessage(err));
      return;
    }
    after();
    undoToast(toast, message, "undo-delete", async () => {
      try {
        await setDeleted({ id, deleted: false });
        toast.success(t.crm.restored);
        after();
      } catch (err) {
        toast.error(errorMessage(err));
      }
    });
  };
}
