import { Badge } from "@vendaflow/ui/badge";
import { Code, Globe, MessageCircle } from "lucide-react";
import { channels } from "@/lib/i18n/pt-br/channels";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { inboxes: { channels } };

type Channel = "web" | "whatsapp" | "api";

const icons = { web: Globe, whatsapp: MessageCircle, api: Code } as const;

export function ChannelIcon({ channel, className = "size-4" }: { channel: string; className?: string }) {
  const Icon = icons[channel as Channel] ?? Globe;
  return <Icon aria-hidden="true" className={className} />;
}

export const channelLabel = (channel: string) => t.inboxes.channels[channel as Channel] ?? channel;

export function ChannelBadge({ channel }: { channel: string }) {
  return (
    <Badge variant="outline" data-testid="channel-badge">
      <ChannelIcon channel={channel} />
      {channelLabel(channel)}
    </Badge>
  );
}
