import { AppShell } from '@/components/app-shell-server';

export default function RecipesLayout({ children }: { children: React.ReactNode }) {
  return <AppShell>{children}</AppShell>;
}
