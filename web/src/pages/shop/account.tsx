import { ComingSoon } from '../scaffold';

export default function AccountPage() {
  return <ComingSoon title="Your account" purpose="Your addresses, saved cards and wallet." />;
}
