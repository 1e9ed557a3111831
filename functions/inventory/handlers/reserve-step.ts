import { sagaStepHandler } from '../../../shared/handlers';
import { inventoryDeps } from '../deps';
import { reserve } from '../service';

/** Saga step: reserve every line of the order, or none (OutOfStockError). Repeating it moves nothing. */
export const handler = sagaStepHandler(
  async (event: { order_id: string; lines: Array<{ product_id: string; quantity: number }> }) => {
    const reservation = await reserve(
      event.order_id,
      event.lines.map((line) => ({ productId: line.product_id, quantity: line.quantity })),
      inventoryDeps(),
    );
    return { state: reservation.state, expires_at: reservation.expiresAt };
  },
  { countErrors: { OutOfStockError: 'StockConflicts' } },
);
