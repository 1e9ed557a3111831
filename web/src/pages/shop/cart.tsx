import { ComingSoon } from '../scaffold';

export default function CartPage() {
  return <ComingSoon title="Cart" purpose="The lines of your cart, their quantities, limits and stock." />;
}
