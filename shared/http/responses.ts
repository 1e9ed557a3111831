import type { HttpResult } from './route';

type Extra = Pick<HttpResult<unknown>, 'headers' | 'cookies'>;

export const ok = <B>(body: B, extra: Extra = {}): HttpResult<B> => ({ status: 200, body, ...extra });
export const created = <B>(body: B, extra: Extra = {}): HttpResult<B> => ({ status: 201, body, ...extra });
export const accepted = <B>(body: B, extra: Extra = {}): HttpResult<B> => ({ status: 202, body, ...extra });
export const noContent = (extra: Extra = {}): HttpResult<undefined> => ({ status: 204, ...extra });
