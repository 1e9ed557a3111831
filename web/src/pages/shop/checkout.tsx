import { ComingSoon } from '../scaffold';

export default function CheckoutPage() {
  return (
    <ComingSoon title="Checkout" purpose="Pick an address and a card or the wallet, then place the order." />
  );
}
