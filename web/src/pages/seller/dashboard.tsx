import { ComingSoon } from '../scaffold';

export default function SellerDashboardPage() {
  return (
    <ComingSoon
      title="Seller dashboard"
      purpose="Your store at a glance: products, orders to ship and returns to review."
    />
  );
}
