import { ChatView } from '@/components/chat-view';

export const dynamic = 'force-dynamic';

export default function NewChatPage() {
  return <ChatView conversation={null} initialMessages={[]} />;
}
