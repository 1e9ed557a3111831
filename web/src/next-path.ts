/**
 * Where `?next=` may send the person after signing in: a path of this site only, never another
 * origin (`//evil.example`, `/\evil.example` or a full URL would leave it); home otherwise.
 */
export function safeNext(next: string | null): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return next;
}
