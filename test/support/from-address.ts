import { request } from 'node:http';
import type { ApiResponse, RequestOptions } from './api';
import { baseUrl } from './api';

/**
 * A loopback address of its own (127.x.y.z: Linux routes all of 127/8 to lo), so a test's
 * requests reach the gateway from a source address no other test shares — as a client on
 * another machine would — and per-address limits it trips touch nobody else.
 */
export function uniqueLoopbackAddress(): string {
  const octet = () => 2 + Math.floor(Math.random() * 250);
  return `127.${octet()}.${octet()}.${octet()}`;
}

/** Like `api`, but sent from the given local address. */
export function apiFrom(localAddress: string) {
  return async <T = any>(
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<ApiResponse<T>> => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const url = new URL(path, baseUrl());
    const { status, responseHeaders, text } = await new Promise<{
      status: number;
      responseHeaders: Headers;
      text: string;
    }>((resolve, reject) => {
      const outgoing = request(url, { method, headers, localAddress }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const responseHeaders = new Headers();
          for (const [name, value] of Object.entries(response.headers)) {
            for (const one of Array.isArray(value) ? value : [value ?? '']) responseHeaders.append(name, one);
          }
          resolve({
            status: response.statusCode ?? 0,
            responseHeaders,
            text: Buffer.concat(chunks).toString('utf8'),
          });
        });
      });
      outgoing.on('error', reject);
      outgoing.end(body);
    });
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status, headers: responseHeaders, body: parsed as T, text };
  };
}
