import { ConversationDetail } from "./conversation-detail";

export const metadata = { title: "Conversa" };

export default async function ConversationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <ConversationDetail id={id} />;
}
