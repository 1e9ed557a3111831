import { ComingSoon } from '../scaffold';

export default function NotificationsPage() {
  return (
    <ComingSoon title="Notifications" purpose="What happened to your orders and the products you follow." />
  );
}
