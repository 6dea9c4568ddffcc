import type { ReactNode } from "react";
import { Providers } from "@/app/providers";

export default function RootHostLayout({ children }: { children: ReactNode }) {
  return <Providers>{children}</Providers>;
}
