import { ComingSoon } from '../scaffold';

export default function OrdersPage() {
  return <ComingSoon title="Your orders" purpose="Your order history." />;
}
