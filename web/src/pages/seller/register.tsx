import { ComingSoon } from '../scaffold';

export default function SellerRegisterPage() {
  return <ComingSoon title="Become a seller" purpose="Open a store on Bazaar." />;
}
