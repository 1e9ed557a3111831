import { gatherManifests } from '../../../shared/manifests/gather';
import type { EventRuleDefinition, TableDefinition } from '../../../shared/manifests/types';

const rule = (id: string, service: string): EventRuleDefinition => ({
  id,
  description: id,
  pattern: { source: ['bazaar.test'] },
  handler: `functions/${service}/handlers/on-event.handler`,
});
const table = (id: TableDefinition['id'], owner: string): TableDefinition => ({
  id,
  envVar: `${id.toUpperCase()}_TABLE_NAME`,
  owner,
  partitionKey: 'pk',
});

describe('gathering the services’ manifests', () => {
  it('joins every service’s entries in the order the services are given', () => {
    const gathered = gatherManifests([
      { service: 'cart', rules: [rule('CartFirst', 'cart')], tables: [table('carts', 'cart')] },
      { service: 'orders', rules: [rule('OrdersSecond', 'orders')] },
      { service: 'platform', tables: [table('rate-limits', 'platform')] },
    ]);
    expect(gathered.rules.map((entry) => entry.id)).toEqual(['CartFirst', 'OrdersSecond']);
    expect(gathered.tables.map((entry) => entry.id)).toEqual(['carts', 'rate-limits']);
    expect(gathered.routes).toEqual([]);
  });

  it('refuses an entry whose handler lives in another service’s folder, naming the manifest it belongs in', () => {
    expect(() => gatherManifests([{ service: 'cart', rules: [rule('Misplaced', 'search')] }])).toThrow(
      "The rule Misplaced runs functions/search/handlers/on-event.handler but is declared in cart's manifest: declare it in functions/search/manifest.ts",
    );
  });

  it('refuses a table another service owns', () => {
    expect(() => gatherManifests([{ service: 'cart', tables: [table('orders', 'orders')] }])).toThrow(
      'declare it in functions/orders/manifest.ts',
    );
  });

  it('refuses an idempotent route that does not declare the idempotency table it writes', () => {
    const route = {
      id: 'PlaceThing',
      method: 'POST' as const,
      path: '/api/v1/things',
      auth: 'user' as const,
      handler: 'functions/cart/handlers/place-thing.handler' as const,
      summary: 'Place a thing',
      tag: 'things',
      successStatus: 202 as const,
      idempotency: { expiresAfterSeconds: 60 },
    };
    expect(() => gatherManifests([{ service: 'cart', routes: [route] }])).toThrow(
      'The route PlaceThing declares idempotency but not its table',
    );
    const declared = { ...route, uses: { tables: { idempotency: 'readWrite' as const } } };
    expect(gatherManifests([{ service: 'cart', routes: [declared] }]).routes).toHaveLength(1);
  });
});
