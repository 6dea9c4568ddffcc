import { ConversationsList } from "./conversations-list";
import { pageTitles } from "@/lib/i18n/pt-br/page-titles";

export const metadata = { title: pageTitles.conversations };

export default function ConversationsPage() {
  return <ConversationsList />;
}
