import type * as z from 'zod';
import { type FieldIssue, ValidationError } from '../errors';

/**
 * Validates one part of a request, turning zod's issues into a 400 that names each field
 * (`price`, `items.0.quantity`, `query.page_size` → `page_size`).
 */
export function parsePart<S extends z.ZodType>(
  schema: S,
  value: unknown,
  part: 'body' | 'query' | 'path',
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const fields: FieldIssue[] = result.error.issues.flatMap((issue) => {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: [...path, key].join('.'), message: 'is not a known field' }));
    }
    const field = path.length ? path.join('.') : part;
    return [{ field, message: issue.message }];
  });
  const summary = fields.map((f) => `${f.field}: ${f.message}`).join('; ');
  return (() => {
    throw new ValidationError(summary || `Invalid ${part}`, fields);
  })();
}

/** A raw JSON text (a signed webhook's body) parsed and validated as `parsePart` does. */
export function parseJsonPart<S extends z.ZodType>(
  schema: S,
  raw: string | undefined,
  part: 'body',
): z.output<S> {
  let value: unknown;
  try {
    value = JSON.parse(raw ?? '');
  } catch {
    throw ValidationError.forField(part, 'malformed JSON');
  }
  return parsePart(schema, value, part);
}
