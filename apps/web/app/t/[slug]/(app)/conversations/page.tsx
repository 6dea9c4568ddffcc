import { ConversationsList } from "./conversations-list";

export const metadata = { title: "Conversas" };

export default function ConversationsPage() {
  return <ConversationsList />;
}
