import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CATALOG_COMMAND,
  CATALOG_PATH,
  eventCatalog,
  renderEventCatalog,
  unmatchedRules,
} from '../../../scripts/events-catalog';

describe('the event catalog', () => {
  it('docs/events.md says what the event declarations and the manifests say', async () => {
    const path = join(__dirname, '../../..', CATALOG_PATH);
    const written = existsSync(path) ? readFileSync(path, 'utf8') : '';
    const current = await renderEventCatalog();
    if (written !== current) {
      const lines = written.split('\n');
      const at = current.split('\n').findIndex((line, index) => line !== lines[index]);
      throw new Error(
        `${CATALOG_PATH} is out of date with the event declarations or the manifests (from line ${at + 1}): run \`${CATALOG_COMMAND}\` and commit the result`,
      );
    }
  });

  it('lists every declared event with its publishing relay, and finds the rules that consume it', async () => {
    const catalog = await eventCatalog();
    const orderPaid = catalog.find((entry) => entry.event.detailType === 'OrderPaid');
    expect(orderPaid).toMatchObject({ service: 'orders', relay: { id: 'RelayOrderEvents' } });
    expect(orderPaid?.consumers.map((rule) => rule.id)).toEqual(
      expect.arrayContaining(['CartOnOrderPaid', 'NotifyOnOrderAndStockEvents', 'ReviewsOnOrderChanged']),
    );
    expect(new Set(catalog.map((entry) => entry.service))).toEqual(
      new Set(['cart', 'catalog', 'inventory', 'orders', 'payments', 'recommendations', 'reviews']),
    );
  });

  it('finds a declared event for every rule on the bazaar bus, so no hand-written pattern listens to nothing', async () => {
    expect(unmatchedRules(await eventCatalog()).map((rule) => rule.id)).toEqual([]);
  });
});
