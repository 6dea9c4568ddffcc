import type { ReactNode } from "react";
import { find as findText } from "@/lib/i18n/pt-br/auth";

// The page is a client component, which cannot export metadata: its tab title is set here.
export const metadata = { title: findText.title };

export default function Layout({ children }: { children: ReactNode }) {
  return children;
}
