import type { CartView } from './api-types';

/** Lines that cannot be bought as they stand (sold out, no longer sold, or more than is left): checkout would fail on them. */
export function blockingLines(cart: CartView): CartView['items'] {
  return cart.items.filter((line) => line.availability !== 'in_stock' && line.availability !== 'low_stock');
}
