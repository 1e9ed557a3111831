import { ComingSoon } from '../scaffold';

export default function SellerReturnsPage() {
  return <ComingSoon title="Returns" purpose="Returns to review and accept." />;
}
