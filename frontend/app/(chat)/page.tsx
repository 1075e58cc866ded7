import { ChatView } from '@/components/chat-view';
import { appContext } from '@/lib/app-context';

export const dynamic = 'force-dynamic';

export default function NewChatPage() {
  // Not awaited: the header's built-in planner note streams in when the agent has answered.
  const agentInfo = appContext().then((context) => context.agentInfo());
  return <ChatView conversation={null} initialMessages={[]} agentInfo={agentInfo} />;
}
