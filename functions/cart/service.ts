import { randomUUID } from 'node:crypto';
import { CURRENCY, formattedMoneyFields, moneyFields } from '../../shared/money';
import type { ProductSummary } from '../catalog/product-lookup';
import type { StockStatus } from '../inventory/stock-records';
import {
  CartItemNotFoundError,
  CartLimitError,
  CartOutOfStockError,
  ProductNotFoundError,
  ProductUnavailableError,
} from './errors';
import type { CartLineViewType, CartViewType } from './schemas';
import { type Cart, type CartLine, type CartStore, itemIdOf, productIdOf } from './store';

export interface CartDeps {
  carts: CartStore;
  lookupProducts: (ids: string[]) => Promise<Map<string, ProductSummary>>;
  availability: (ids: string[]) => Promise<Map<string, { available: number; stockStatus: StockStatus }>>;
  now: () => Date;
  maxLines: number;
  maxQuantityPerProduct: number;
  anonymousTtlSeconds: number;
}

export const CART_COOKIE = 'bazaar_cart';
const ANONYMOUS_ID = /^anon_[0-9a-f-]{36}$/;

/** Who the cart belongs to, from the request: a signed-in user, an anonymous cookie, or nobody yet. */
export interface CartCaller {
  userId?: string;
  cookieCartId?: string;
}

export interface ResolvedCart {
  cartId: string | undefined;
  anonymous: boolean;
  /** Set-Cookie values the response must carry (a new anonymous cart, or clearing a merged one). */
  cookies: string[];
}

/**
 * Finds the caller's cart. The first request that carries both a user token and an anonymous
 * cart cookie folds that cart into the user's (exactly once, however many race) and clears
 * the cookie. `create` makes a new anonymous cart for a first change without a cart.
 */
export async function resolveCart(
  caller: CartCaller,
  options: { create: boolean; secure: boolean },
  deps: CartDeps,
): Promise<ResolvedCart> {
  const cookieCartId =
    caller.cookieCartId && ANONYMOUS_ID.test(caller.cookieCartId) ? caller.cookieCartId : undefined;
  if (caller.userId) {
    const cookies: string[] = [];
    if (cookieCartId) {
      await mergeAnonymousCart(cookieCartId, caller.userId, deps);
      cookies.push(cartCookie('', 0, options.secure));
    } else if (caller.cookieCartId) {
      cookies.push(cartCookie('', 0, options.secure));
    }
    return { cartId: caller.userId, anonymous: false, cookies };
  }
  if (cookieCartId) {
    const cart = await deps.carts.get(cookieCartId, nowSeconds(deps));
    // A merged (or expired) anonymous cart is spent: a new change starts a fresh one.
    if (!cart.mergedInto) return { cartId: cookieCartId, anonymous: true, cookies: [] };
  }
  if (!options.create) return { cartId: undefined, anonymous: true, cookies: [] };
  const cartId = `anon_${randomUUID()}`;
  return { cartId, anonymous: true, cookies: [cartCookie(cartId, deps.anonymousTtlSeconds, options.secure)] };
}

export async function getCart(cartId: string | undefined, deps: CartDeps): Promise<CartViewType> {
  const cart = cartId ? await deps.carts.get(cartId, nowSeconds(deps)) : undefined;
  if (!cart || cart.mergedInto) return emptyCart();
  return cartView(cart.lines, deps);
}

export async function addItem(
  resolved: ResolvedCart & { cartId: string },
  productId: string,
  quantity: number,
  deps: CartDeps,
): Promise<CartLineViewType> {
  checkQuantity(quantity, deps);
  const product = await sellableProduct(productId, deps);
  const now = deps.now().toISOString();
  const expiresAt = resolved.anonymous ? nowSeconds(deps) + deps.anonymousTtlSeconds : undefined;
  for (let attempt = 1; attempt <= 3; attempt++) {
    const cart = await deps.carts.get(resolved.cartId, nowSeconds(deps));
    const current = cart.lines.find((line) => line.productId === productId)?.quantity ?? 0;
    checkQuantity(current + quantity, deps, current);
    await checkStock(productId, current + quantity, deps);
    const incremented = await deps.carts.increment(
      resolved.cartId,
      productId,
      quantity,
      deps.maxQuantityPerProduct,
      now,
      expiresAt,
    );
    if (incremented.outcome === 'added') return (await cartView([incremented.line], deps)).items[0]!;
    if (incremented.outcome === 'over')
      checkQuantity(incremented.current + quantity, deps, incremented.current);
    const line: CartLine = {
      itemId: itemIdOf(productId),
      productId,
      quantity,
      priceWhenAddedCents: product.priceCents,
      addedAt: now,
      updatedAt: now,
    };
    if ((await deps.carts.addLine(resolved.cartId, line, deps.maxLines, now, expiresAt)) === 'added') {
      return (await cartView([line], deps)).items[0]!;
    }
    // Another request added the line first: go round and add to it instead.
  }
  throw new Error('The cart kept changing; try again');
}

export async function updateItem(
  resolved: ResolvedCart,
  itemId: string,
  quantity: number,
  deps: CartDeps,
): Promise<CartLineViewType> {
  checkQuantity(quantity, deps);
  const productId = productIdOf(itemId);
  if (!resolved.cartId) throw new CartItemNotFoundError();
  await checkStock(productId, quantity, deps);
  const expiresAt = resolved.anonymous ? nowSeconds(deps) + deps.anonymousTtlSeconds : undefined;
  const line = await deps.carts.setQuantity(
    resolved.cartId,
    productId,
    quantity,
    deps.now().toISOString(),
    expiresAt,
  );
  return (await cartView([line], deps)).items[0]!;
}

export async function removeItem(resolved: ResolvedCart, itemId: string, deps: CartDeps): Promise<void> {
  if (!resolved.cartId) throw new CartItemNotFoundError();
  await deps.carts.removeLine(resolved.cartId, productIdOf(itemId), deps.now().toISOString());
}

/** On OrderPaid: the ordered quantities leave the buyer's cart; a redelivered event removes nothing more. */
export function removeOrderedItems(
  userId: string,
  orderId: string,
  lines: Array<{ productId: string; quantity: number }>,
  deps: CartDeps,
): Promise<boolean> {
  return deps.carts.removeOrdered(userId, orderId, lines, deps.now().toISOString());
}

async function mergeAnonymousCart(anonymousId: string, userId: string, deps: CartDeps): Promise<void> {
  const anonymous = await deps.carts.get(anonymousId, nowSeconds(deps));
  if (!anonymous.exists || anonymous.mergedInto || anonymous.lines.length === 0) {
    if (anonymous.exists && !anonymous.mergedInto) {
      await deps.carts.merge(anonymousId, userId, () => [], deps.now().toISOString());
    }
    return;
  }
  const productIds = anonymous.lines.map((line) => line.productId);
  const [products, stock] = await Promise.all([
    deps.lookupProducts(productIds),
    deps.availability(productIds),
  ]);
  await deps.carts.merge(
    anonymousId,
    userId,
    (anonymousCart: Cart, userCart: Cart) => {
      const userLines = new Map(userCart.lines.map((line) => [line.productId, line]));
      let lineCount = userCart.lines.length;
      const targets = [];
      for (const line of anonymousCart.lines) {
        const product = products.get(line.productId);
        if (!product?.listed) continue;
        const existing = userLines.get(line.productId);
        // Quantities add, capped by the per-product limit and by what is in stock.
        const cap = Math.min(deps.maxQuantityPerProduct, stock.get(line.productId)?.available ?? 0);
        const quantity = Math.min(
          (existing?.quantity ?? 0) + line.quantity,
          Math.max(cap, existing?.quantity ?? 0),
        );
        if (quantity <= 0) continue;
        if (!existing) {
          if (lineCount >= deps.maxLines) continue;
          lineCount++;
        }
        targets.push({
          productId: line.productId,
          quantity,
          priceWhenAddedCents: line.priceWhenAddedCents,
          addedAt: line.addedAt,
        });
      }
      return targets;
    },
    deps.now().toISOString(),
  );
}

async function sellableProduct(productId: string, deps: CartDeps): Promise<ProductSummary> {
  const product = (await deps.lookupProducts([productId])).get(productId);
  if (!product || product.status === 'draft') throw new ProductNotFoundError();
  if (product.status === 'deleted') throw new ProductUnavailableError(productId);
  return product;
}

async function checkStock(productId: string, wanted: number, deps: CartDeps): Promise<void> {
  const available = (await deps.availability([productId])).get(productId)?.available ?? 0;
  if (available < wanted) throw new CartOutOfStockError(productId, available);
}

function checkQuantity(quantity: number, deps: CartDeps, alreadyInCart?: number): void {
  if (quantity > deps.maxQuantityPerProduct) {
    const suffix = alreadyInCart ? ` (you already have ${alreadyInCart})` : '';
    throw new CartLimitError(
      'quantity',
      `at most ${deps.maxQuantityPerProduct} of one product per cart${suffix}`,
      'CART_QUANTITY_LIMIT',
    );
  }
}

async function cartView(lines: CartLine[], deps: CartDeps): Promise<CartViewType> {
  const productIds = lines.map((line) => line.productId);
  const [products, stock] = await Promise.all([
    deps.lookupProducts(productIds),
    deps.availability(productIds),
  ]);
  const items = [...lines]
    .sort((a, b) =>
      a.addedAt < b.addedAt ? -1 : a.addedAt > b.addedAt ? 1 : a.productId.localeCompare(b.productId),
    )
    .map((line) => lineView(line, products.get(line.productId), stock.get(line.productId)));
  const purchasable = items.filter(
    (item) => item.availability !== 'unavailable' && item.availability !== 'out_of_stock',
  );
  const subtotalCents = purchasable.reduce((total, item) => total + item.line_total_cents, 0);
  return {
    items,
    item_count: items.reduce((total, item) => total + item.quantity, 0),
    ...formattedMoneyFields('subtotal', subtotalCents),
    currency: CURRENCY,
  };
}

function lineView(
  line: CartLine,
  product: ProductSummary | undefined,
  stock: { available: number; stockStatus: StockStatus } | undefined,
): CartLineViewType {
  const unitPriceCents = product?.priceCents ?? line.priceWhenAddedCents;
  const available = stock?.available ?? 0;
  let availability: CartLineViewType['availability'] = stock?.stockStatus ?? 'out_of_stock';
  let warning: string | null = null;
  if (!product?.listed) {
    availability = 'unavailable';
    warning = 'This product is no longer sold';
  } else if (available === 0) {
    availability = 'out_of_stock';
    warning = 'Out of stock';
  } else if (available < line.quantity) {
    availability = 'insufficient_stock';
    warning = `Only ${available} left`;
  }
  return {
    item_id: line.itemId,
    product_id: line.productId,
    title: product?.title ?? 'Unavailable product',
    image_url: product?.imageUrl ?? null,
    quantity: line.quantity,
    ...moneyFields('unit_price', unitPriceCents),
    ...moneyFields('price_when_added', line.priceWhenAddedCents),
    price_changed: unitPriceCents !== line.priceWhenAddedCents,
    ...moneyFields('line_total', unitPriceCents * line.quantity),
    currency: product?.currency ?? CURRENCY,
    availability,
    available_quantity: product?.listed ? available : null,
    warning,
    added_at: line.addedAt,
  };
}

function emptyCart(): CartViewType {
  return { items: [], item_count: 0, ...formattedMoneyFields('subtotal', 0), currency: CURRENCY };
}

function cartCookie(value: string, maxAgeSeconds: number, secure: boolean): string {
  return [
    `${CART_COOKIE}=${value}`,
    'Path=/api/v1/cart',
    `Max-Age=${maxAgeSeconds}`,
    'HttpOnly',
    'SameSite=Lax',
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

function nowSeconds(deps: CartDeps): number {
  return Math.floor(deps.now().getTime() / 1000);
}
