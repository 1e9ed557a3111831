import { ComingSoon } from '../scaffold';

export default function SellerOrdersPage() {
  return (
    <ComingSoon
      title="Orders to ship"
      purpose="Orders to ship (carrier and tracking) and to mark delivered."
    />
  );
}
