import { StockChanged } from '../../../functions/inventory/events';
import { OrderPaid } from '../../../functions/orders/events';
import type { BusEvent } from '../../../shared/events';

const busEvent = (source: string, detailType: string, detail: unknown): BusEvent<unknown> => ({
  version: '0',
  id: 'e1',
  'detail-type': detailType,
  source,
  account: '000000000000',
  time: '2026-01-01T00:00:00Z',
  region: 'us-east-1',
  resources: [],
  detail: detail as BusEvent<unknown>['detail'],
});

const stock = {
  eventId: 'evt_stock_prod_A_v3',
  product_id: 'prod_A',
  seller_id: 'usr_S',
  available: 2,
  stock_status: 'low_stock',
  version: 3,
};

describe('an event declared once', () => {
  it('builds the event its publisher sends, with the envelope every detail carries', () => {
    expect(StockChanged.build(stock as never)).toEqual({
      source: 'bazaar.inventory',
      detailType: 'StockChanged',
      detail: stock,
    });
    expect(StockChanged.pattern).toEqual({ source: ['bazaar.inventory'], 'detail-type': ['StockChanged'] });
  });

  it('refuses to build an event without a derived eventId or with a field of the wrong shape', () => {
    const { eventId: _, ...withoutId } = stock;
    expect(() => StockChanged.build(withoutId as never)).toThrow();
    expect(() => StockChanged.build({ ...stock, stock_status: 'plenty' } as never)).toThrow();
  });

  it('lets a consumer parse what arrives, and refuses another event or a malformed detail', () => {
    expect(StockChanged.parse(busEvent('bazaar.inventory', 'StockChanged', stock))).toEqual(stock);
    expect(() => StockChanged.parse(busEvent('bazaar.orders', 'StockChanged', stock))).toThrow();
    expect(() => OrderPaid.parse(busEvent('bazaar.orders', 'OrderPaid', { order_id: 'ord_1' }))).toThrow();
  });
});
