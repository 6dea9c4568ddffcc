import type { ReactNode } from "react";
import { forgot as forgotText } from "@/lib/i18n/pt-br/auth";

// The page is a client component, which cannot export metadata: its tab title is set here.
export const metadata = { title: forgotText.title };

export default function Layout({ children }: { children: ReactNode }) {
  return children;
}
