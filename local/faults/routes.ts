import type { IncomingMessage, ServerResponse } from 'node:http';
import { writeJson } from '../gateway';
import { type FaultInjector, InvalidFaultError } from './faults';

interface FaultRoute {
  method: 'GET' | 'POST' | 'DELETE';
  path: string | RegExp;
  serve(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> | void;
}

/**
 * The fault switches: `POST /_local/faults` arms one fault or a list (201 with their ids),
 * `GET /_local/faults` lists them with the run's seed and their hits so far,
 * `DELETE /_local/faults[/{id}]` disarms all or one, `GET /_local/faults/log` lists every hit.
 */
export function faultRoutes(
  faults: FaultInjector,
  readAll: (request: IncomingMessage) => Promise<string>,
): FaultRoute[] {
  return [
    {
      method: 'GET',
      path: '/_local/faults',
      serve: (_, response) => writeJson(response, 200, { seed: faults.seed, faults: faults.list() }),
    },
    {
      method: 'POST',
      path: '/_local/faults',
      serve: async (request, response) => {
        let body: unknown;
        try {
          body = JSON.parse(await readAll(request));
        } catch {
          return writeJson(response, 400, { error: { code: 'VALIDATION', message: 'body must be JSON' } });
        }
        try {
          writeJson(response, 201, { seed: faults.seed, faults: faults.add(body) });
        } catch (error) {
          if (!(error instanceof InvalidFaultError)) throw error;
          writeJson(response, 400, {
            error: { code: 'VALIDATION', message: error.message, details: { field: error.field } },
          });
        }
      },
    },
    {
      method: 'DELETE',
      path: '/_local/faults',
      serve: (_, response) => {
        faults.clear();
        writeJson(response, 200, { faults: [] });
      },
    },
    {
      method: 'DELETE',
      path: /^\/_local\/faults\/f\d+$/,
      serve: (_, response, url) => {
        const removed = faults.clear(url.pathname.slice('/_local/faults/'.length));
        if (!removed) return writeJson(response, 404, { message: 'No such fault' });
        writeJson(response, 200, { faults: faults.list() });
      },
    },
    {
      method: 'GET',
      path: '/_local/faults/log',
      serve: (_, response) => writeJson(response, 200, { seed: faults.seed, injected: faults.log() }),
    },
  ];
}
