import { cartDeps } from './deps';

/** The cart service's exported read for checkout: the user's lines, as product and quantity. */
export async function cartLinesOf(userId: string): Promise<Array<{ productId: string; quantity: number }>> {
  const deps = cartDeps();
  const cart = await deps.carts.get(userId, Math.floor(deps.now().getTime() / 1000));
  return cart.lines.map((line) => ({ productId: line.productId, quantity: line.quantity }));
}
