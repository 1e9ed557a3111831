import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { ApiError, messageOf } from '../../api/errors';
import { useApi } from '../../api/use-api';
import type { PaymentMethodView } from '../../buying/api-types';
import { blockingLines } from '../../buying/cart-lines';
import { failureMessage, paymentFailureNote } from '../../buying/order-status';
import { type PlacePhase, usePlaceOrder } from '../../buying/place-order';
import { shippingEstimateCents } from '../../buying/shipping';
import { Button } from '../../components/button';
import { Empty } from '../../components/empty';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { Link, usePageTitle } from '../../router';
import { AddressChoice } from './checkout-address';
import { PaymentChoice, WALLET_CHOICE } from './checkout-payment';
import { CheckoutSummary } from './checkout-summary';

/** Everything checkout shows, read together (the cart read also folds a signed-out cart in). */
async function loadCheckout() {
  const [cart, addresses, methods, wallet] = await Promise.all([
    unwrap(api.GET('/api/v1/cart')),
    unwrap(api.GET('/api/v1/addresses')),
    unwrap(api.GET('/api/v1/payment-methods')),
    unwrap(api.GET('/api/v1/wallet')),
  ]);
  return { cart, addresses: addresses.items, methods: methods.items, wallet };
}

/** The wallet's payment method id, made the first time the wallet pays (the API keeps one per person). */
async function walletMethodId(methods: PaymentMethodView[]): Promise<string> {
  const existing = methods.find((method) => method.type === 'wallet');
  if (existing) return existing.payment_method_id;
  return (await unwrap(api.POST('/api/v1/payment-methods', { body: { type: 'wallet' } }))).payment_method_id;
}

/** The messages a placing outcome puts beside the address, beside the payment, or over the button. */
function phaseMessages(phase: PlacePhase) {
  if (phase.kind === 'failed') {
    // The whole story over the button, where the person is looking; a note beside the payment.
    const reason = phase.order.failure_reason;
    return { general: failureMessage(reason), payment: paymentFailureNote(reason), failedOrder: phase.order };
  }
  if (phase.kind !== 'error') return {};
  const error = phase.error;
  if (!(error instanceof ApiError)) return { general: messageOf(error) };
  if (error.code === 'IDEMPOTENCY_KEY_IN_PROGRESS') {
    return { general: 'Your order is still being placed. Wait a moment, then press Place order again.' };
  }
  return {
    address: error.fieldErrors.shipping_address_id,
    payment: error.fieldErrors.payment_method_id,
    general: error.formMessage,
  };
}

function PlacingStatus({ phase }: { phase: PlacePhase }) {
  const text =
    phase.kind === 'placing'
      ? 'Placing your order…'
      : phase.kind === 'confirming'
        ? 'Order placed; waiting for the payment to go through…'
        : '';
  return (
    <p className="placing-status" role="status">
      {text}
    </p>
  );
}

/** A checkout of an order still settling elsewhere names it, so the person can go and look. */
function InProgressLink({ phase }: { phase: PlacePhase }) {
  if (phase.kind !== 'error' || !(phase.error instanceof ApiError)) return null;
  const orderId = (phase.error.details as { order_id?: unknown } | undefined)?.order_id;
  return typeof orderId === 'string' ? (
    <p>
      <Link to={`/orders/${orderId}`}>See that order</Link>
    </p>
  ) : null;
}

/** The button, with what stops it (lines that cannot be bought, a choice not made) and how placing goes. */
function PlaceOrderStep({
  phase,
  busy,
  blocked,
  ready,
  onPlace,
}: {
  phase: PlacePhase;
  busy: boolean;
  blocked: boolean;
  ready: boolean;
  onPlace: () => void;
}) {
  const messages = phaseMessages(phase);
  return (
    <section className="checkout-step" aria-labelledby="checkout-place-heading">
      <h2 id="checkout-place-heading">Place your order</h2>
      {blocked ? (
        <p className="notice">
          Some lines of your cart cannot be bought as they are. <Link to="/cart">Review the cart</Link>.
        </p>
      ) : null}
      {messages.general ? <ErrorMessage error={messages.general} /> : null}
      {messages.failedOrder ? (
        <p>
          <Link to={`/orders/${messages.failedOrder.order_id}`}>See the order that failed</Link>
        </p>
      ) : null}
      <InProgressLink phase={phase} />
      {ready ? null : <p className="field-hint">Choose a shipping address and a way to pay first.</p>}
      <Button className="place-order" busy={busy} disabled={blocked || !ready} onClick={onPlace}>
        {busy ? 'Placing order…' : 'Place order'}
      </Button>
      <PlacingStatus phase={phase} />
    </section>
  );
}

function EmptyCheckout() {
  return (
    <section>
      <h1>Checkout</h1>
      <Empty title="Your cart is empty">
        <p>
          <Link to="/">Find something to buy</Link>
        </p>
      </Empty>
    </section>
  );
}

export default function CheckoutPage() {
  usePageTitle('Checkout');
  const data = useApi(loadCheckout, []);
  const [addressChoice, setAddressChoice] = useState<string>();
  const [paymentChoice, setPaymentChoice] = useState<string>();
  const placing = usePlaceOrder();

  if (!data.data) {
    return data.status === 'failed' ? (
      <section>
        <h1>Checkout</h1>
        <ErrorMessage error={data.error} onRetry={data.reload} />
      </section>
    ) : (
      <Loading label="Loading checkout…" />
    );
  }
  const { cart, addresses, methods, wallet } = data.data;
  if (cart.items.length === 0) return <EmptyCheckout />;
  const cards = methods.filter((method) => method.type === 'card');
  const addressId =
    addressChoice ?? (addresses.find((address) => address.is_default) ?? addresses[0])?.address_id;
  const payment = paymentChoice ?? cards[0]?.payment_method_id;
  const blocked = blockingLines(cart).length > 0;
  const messages = phaseMessages(placing.phase);
  const choose = (set: (value: string) => void) => (value: string) => {
    set(value);
    placing.clear();
  };

  const placeOrder = () => {
    if (!addressId || !payment) return;
    void placing.place({
      lines: cart.items,
      addressId,
      paymentMethodId: async () => (payment === WALLET_CHOICE ? walletMethodId(methods) : payment),
    });
  };

  return (
    <section className="checkout-page">
      <h1>Checkout</h1>
      {data.status === 'failed' ? <ErrorMessage error={data.error} onRetry={data.reload} /> : null}
      <CheckoutSummary cart={cart} />
      <AddressChoice
        addresses={addresses}
        selected={addressId}
        onSelect={choose(setAddressChoice)}
        onAdded={(address) => {
          choose(setAddressChoice)(address.address_id);
          data.reload();
        }}
        error={messages.address}
      />
      <PaymentChoice
        cards={cards}
        wallet={wallet}
        totalCents={cart.subtotal_cents + shippingEstimateCents(cart.subtotal_cents)}
        selected={payment}
        onSelect={choose(setPaymentChoice)}
        onAdded={(method) => {
          choose(setPaymentChoice)(method.payment_method_id);
          data.reload();
        }}
        error={messages.payment}
      />
      <PlaceOrderStep
        phase={placing.phase}
        busy={placing.busy}
        blocked={blocked}
        ready={Boolean(addressId && payment)}
        onPlace={placeOrder}
      />
    </section>
  );
}
