import { ComingSoon } from '../scaffold';

export default function SellerProductsPage() {
  return <ComingSoon title="Your products" purpose="Your products, drafts included." />;
}
