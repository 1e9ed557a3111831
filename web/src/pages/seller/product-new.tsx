import { ComingSoon } from '../scaffold';

export default function SellerProductNewPage() {
  return <ComingSoon title="New product" purpose="List a new product." />;
}
