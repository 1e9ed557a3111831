import type { EventRuleDefinition } from './types';

/** EventBridge rules on the `bazaar` bus: pattern → handler. */
export const rules: EventRuleDefinition[] = [
  {
    id: 'CatalogOnStockChanged',
    description: 'Keep the product’s stock badge and out_of_stock status true',
    pattern: { source: ['bazaar.inventory'], 'detail-type': ['StockChanged'] },
    handler: 'functions/catalog/handlers/on-stock-changed.handler',
    uses: { tables: { products: 'readWrite' } },
  },
  {
    id: 'CartOnOrderPaid',
    description: 'Take the bought quantities out of the buyer’s cart',
    pattern: { source: ['bazaar.orders'], 'detail-type': ['OrderPaid'] },
    handler: 'functions/cart/handlers/on-order-paid.handler',
    uses: { tables: { carts: 'readWrite', products: 'read', inventory: 'read' } },
  },
];
