import { monotonicFactory } from 'ulid';

export const ID_PREFIXES = [
  'usr',
  'prod',
  'addr',
  'pm',
  'ord',
  'pay',
  'shp',
  'ret',
  'rev',
  'img',
  'ntf',
  'ci',
  'evt',
  'req',
] as const;
export type IdPrefix = (typeof ID_PREFIXES)[number];

const ulid = monotonicFactory();

/** A new prefixed id, e.g. `prod_01JD3…`; ULIDs sort by creation time. */
export function newId(prefix: IdPrefix): string {
  return `${prefix}_${ulid()}`;
}

/** True when `value` looks like an id Bazaar issued with this prefix. */
export function isId(prefix: IdPrefix, value: string): boolean {
  return new RegExp(`^${prefix}_[0-9A-HJKMNP-TV-Z]{26}$`).test(value);
}
