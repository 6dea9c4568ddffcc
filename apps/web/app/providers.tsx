"use client";
import { ToastProvider } from "@vendaflow/ui/toast";
import type { ReactNode } from "react";
import { ConfirmProvider } from "@/components/confirm";
import { TrpcProvider } from "@/lib/trpc/client";

export function Providers({ children }: { children: ReactNode }) {
  return (
    <TrpcProvider>
      <ToastProvider>
        <ConfirmProvider>{children}</ConfirmProvider>
      </ToastProvider>
    </TrpcProvider>
  );
}
