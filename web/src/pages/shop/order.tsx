import { ComingSoon } from '../scaffold';

export default function OrderPage() {
  return (
    <ComingSoon
      title="Order"
      purpose="The order's status and timeline, shipments and tracking, cancellation and returns."
    />
  );
}
