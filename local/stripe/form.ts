import { invalidParam, parameterMissing } from './errors';

/**
 * Stripe's v1 request encoding: `application/x-www-form-urlencoded` with bracket notation, as the
 * `stripe` package writes it — `metadata[order_id]=ord_1`, `expand[0]=latest_charge` (or
 * `expand[]=…`), `confirm=true`. Every leaf is a string; the endpoint decides what it means.
 */
export type FormValue = string | FormValue[] | FormObject;
export interface FormObject {
  [key: string]: FormValue;
}

/** A plain object without a prototype, so keys such as `__proto__` are ordinary data. */
const emptyObject = (): FormObject => Object.create(null) as FormObject;

export function parseForm(text: string): FormObject {
  const root = emptyObject();
  for (const [rawKey, value] of new URLSearchParams(text)) {
    const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(rawKey);
    if (!match) throw invalidParam(`Invalid parameter name: ${rawKey}`);
    const path = [match[1]!, ...[...match[2]!.matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1]!)];
    let node: FormObject | FormValue[] = root;
    for (let index = 0; index < path.length; index++) {
      const segment = path[index]!;
      const last = index === path.length - 1;
      if (Array.isArray(node)) {
        if (segment !== '') throw invalidParam(`Invalid array parameter: ${rawKey}`);
        if (last) {
          node.push(value);
        } else {
          const child = emptyObject();
          node.push(child);
          node = child;
        }
        continue;
      }
      if (last) {
        node[segment] = value;
        continue;
      }
      const existing: FormValue | undefined = node[segment];
      const wantArray = path[index + 1] === '';
      if (existing === undefined || typeof existing === 'string') {
        const child: FormObject | FormValue[] = wantArray ? [] : emptyObject();
        node[segment] = child;
        node = child;
      } else if (Array.isArray(existing) !== wantArray) {
        throw invalidParam(`Invalid parameter: ${rawKey} mixes list and hash notation`);
      } else {
        node = existing;
      }
    }
  }
  return root;
}

/** A stable rendering of parsed parameters, for comparing an idempotent retry with its original. */
export function canonical(value: FormValue | undefined): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  return `{${Object.keys(value)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`)
    .join(',')}}`;
}

/** Stripe rejects parameters an endpoint does not know (`parameter_unknown`). */
export function rejectUnknown(params: FormObject, allowed: readonly string[]): void {
  for (const key of Object.keys(params)) {
    if (!allowed.includes(key)) {
      throw invalidParam(`Received unknown parameter: ${key}`, key, 'parameter_unknown');
    }
  }
}

export function optionalString(params: FormObject, name: string): string | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalidParam(`Invalid string: ${JSON.stringify(value)}`, name);
  return value;
}

export function requiredString(params: FormObject, name: string): string {
  const value = optionalString(params, name);
  if (value === undefined || value === '') throw parameterMissing(name);
  return value;
}

export function optionalInteger(params: FormObject, name: string): number | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^-?\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
    throw invalidParam(
      `Invalid integer: ${typeof value === 'string' ? value : JSON.stringify(value)}`,
      name,
      'parameter_invalid_integer',
    );
  }
  return Number(value);
}

export function optionalBoolean(params: FormObject, name: string): boolean | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw invalidParam(`Invalid boolean: ${typeof value === 'string' ? value : JSON.stringify(value)}`, name);
}

/** `expand[]`: a list of strings (the package sends `expand[0]=…`, which parses as a hash). */
export function expandList(params: FormObject): string[] {
  const value = params.expand;
  if (value === undefined || value === '') return [];
  const items = Array.isArray(value)
    ? value
    : typeof value === 'object'
      ? Object.keys(value)
          .sort((a, b) => Number(a) - Number(b))
          .map((key) => value[key]!)
      : [value];
  return items.map((item) => {
    if (typeof item !== 'string') throw invalidParam('Invalid array', 'expand');
    return item;
  });
}

/** `expand[]` held to the fields an endpoint can expand. */
export function expandParam(params: FormObject, allowed: readonly string[]): string[] {
  const expand = expandList(params);
  for (const field of expand) {
    if (!allowed.includes(field))
      throw invalidParam(`This property cannot be expanded (${field}).`, 'expand');
  }
  return expand;
}

/**
 * Metadata as Stripe validates it: at most 50 keys, keys up to 40 characters, values up to 500;
 * an empty value unsets the key, and `metadata=` (empty) clears everything.
 */
export function metadataParam(
  params: FormObject,
  current: Record<string, string> = {},
): Record<string, string> | undefined {
  const value = params.metadata;
  if (value === undefined) return undefined;
  if (value === '') return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw invalidParam('Invalid hash', 'metadata');
  }
  const next = new Map(Object.entries(current));
  for (const key of Object.keys(value)) {
    const item = value[key];
    if (typeof item !== 'string') throw invalidParam('Invalid string', `metadata[${key}]`);
    if (key.length > 40) {
      throw invalidParam('Metadata keys can have at most 40 characters.', `metadata[${key}]`);
    }
    if (item.length > 500) {
      throw invalidParam('Metadata values can have at most 500 characters.', `metadata[${key}]`);
    }
    if (item === '') next.delete(key);
    else next.set(key, item);
  }
  if (next.size > 50) throw invalidParam('Metadata can have at most 50 keys.', 'metadata');
  return Object.fromEntries(next);
}
