import { ComingSoon } from '../scaffold';

export default function SellerProductEditPage() {
  return <ComingSoon title="Edit product" purpose="Edit a product, its images and its stock." />;
}
