import { ValidationError } from './errors';

type Key = Record<string, unknown>;

/** Opaque list cursors: a DynamoDB LastEvaluatedKey as base64url JSON. */
export function encodeCursor(key: Key | undefined): string | null {
  return key ? Buffer.from(JSON.stringify(key)).toString('base64url') : null;
}

/**
 * Decodes a cursor and checks it continues the same partition (`expected` attributes must
 * match), so a forged cursor can neither fail the query nor read someone else's items.
 */
export function decodeCursor(cursor: string | undefined, expected: Key = {}): Key | undefined {
  if (cursor === undefined) return undefined;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw ValidationError.forField('cursor', 'is not a valid cursor');
  }
  const valid =
    typeof key === 'object' &&
    key !== null &&
    !Array.isArray(key) &&
    Object.values(key).every((value) => typeof value === 'string' || typeof value === 'number') &&
    Object.entries(expected).every(([name, value]) => (key as Key)[name] === value);
  if (!valid) throw ValidationError.forField('cursor', 'is not a valid cursor');
  return key as Key;
}
