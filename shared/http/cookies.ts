/**
 * The request's cookies by name. A value that is not valid percent-encoding is dropped, as if
 * the cookie were absent: the browser sends cookies on every request, so answering 400 would
 * lock the visitor out of every route until they cleared it — and it may not even be ours
 * (another app on the same domain). Bazaar only reads cookies it issued, which always decode.
 */
export function parseCookies(cookies: readonly string[]): Record<string, string> {
  const parsed: Record<string, string> = {};
  for (const cookie of cookies) {
    for (const part of cookie.split(';')) {
      const eq = part.indexOf('=');
      if (eq <= 0) continue;
      const value = decodedOrUndefined(part.slice(eq + 1).trim());
      if (value !== undefined) parsed[part.slice(0, eq).trim()] = value;
    }
  }
  return parsed;
}

function decodedOrUndefined(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}
