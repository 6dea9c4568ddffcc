"use client";
import { ToastProvider } from "@vendaflow/ui/toast";
import type { ReactNode } from "react";
import { TrpcProvider } from "@/lib/trpc/client";

export function Providers({ children }: { children: ReactNode }) {
  return (
    <TrpcProvider>
      <ToastProvider>{children}</ToastProvider>
    </TrpcProvider>
  );
}
