import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startHttpServer } from '../../../local/platform/components';
import { uniqueLoopbackAddress } from '../../support/from-address';

/** The status of a GET sent from `localAddress`. */
function getFrom(url: string, localAddress: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { localAddress }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

describe('the platform HTTP server binding', () => {
  it('listens on loopback only by default, yet answers clients on any 127.x.y.z source address', async () => {
    const http = await startHttpServer(0);
    http.server.on('request', (_, response) => response.writeHead(204).end());
    try {
      expect((http.server.address() as AddressInfo).address).toBe('127.0.0.1');
      expect(await getFrom(`http://127.0.0.1:${http.port}/`, uniqueLoopbackAddress())).toBe(204);
      expect(await getFrom(`${http.url}/`, '127.0.0.1')).toBe(204);
    } finally {
      await http.stop();
    }
  });

  it('listens where --host says when widened', async () => {
    const http = await startHttpServer(0, '0.0.0.0');
    try {
      expect((http.server.address() as AddressInfo).address).toBe('0.0.0.0');
    } finally {
      await http.stop();
    }
  });
});
