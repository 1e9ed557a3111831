import { ComingSoon } from '../scaffold';

export default function ProductPage() {
  return (
    <ComingSoon
      title="Product"
      purpose="The product: gallery, price, stock, reviews, frequently bought together and recommendations."
    />
  );
}
