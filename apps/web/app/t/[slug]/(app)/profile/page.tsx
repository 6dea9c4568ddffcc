import { nav as navText } from "@/lib/i18n/pt-br/common";
import { ProfileView } from "./profile-view";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { nav: navText };

export const metadata = { title: t.nav.profile };

export default function ProfilePage() {
  return <ProfileView />;
}
