import { useId, useState } from 'react';
import { api, unwrap } from '../../api/client';
import { pageQuery, useCursorList } from '../../api/use-cursor-list';
import type { NotificationView } from '../../buying/api-types';
import { Button } from '../../components/button';
import { CursorListView } from '../../components/cursor-list-view';
import { Empty } from '../../components/empty';
import { ErrorMessage } from '../../components/error-message';
import { Link, usePageTitle } from '../../router';
import { DateTime } from './order-timeline';

const loadNotifications = (cursor: string | undefined) =>
  unwrap(api.GET('/api/v1/notifications', { params: { query: pageQuery('20', {}, cursor) } }));

function NotificationItem({
  notification,
  onRead,
}: {
  notification: NotificationView;
  onRead: (read: NotificationView) => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const titleId = useId();
  const markRead = async () => {
    setBusy(true);
    setError(null);
    try {
      const path = { notification_id: notification.notification_id };
      onRead(await unwrap(api.POST('/api/v1/notifications/{notification_id}/read', { params: { path } })));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <li className={notification.read ? 'notification' : 'notification notification-unread'}>
      <h2 className="notification-title" id={titleId}>
        {notification.read ? null : <span className="badge">New</span>} {notification.title}
      </h2>
      <p>{notification.body}</p>
      <p className="field-hint">
        <DateTime at={notification.created_at} />
        {notification.order_id ? (
          <>
            {' · '}
            <Link to={`/orders/${notification.order_id}`}>See the order</Link>
          </>
        ) : null}
        {notification.product_id ? (
          <>
            {' · '}
            <Link to={`/products/${notification.product_id}`}>See the product</Link>
          </>
        ) : null}
      </p>
      {error ? <ErrorMessage error={error} /> : null}
      {notification.read ? null : (
        <Button variant="secondary" busy={busy} onClick={markRead} aria-describedby={titleId}>
          Mark read
        </Button>
      )}
    </li>
  );
}

/** What Bazaar told the person (orders paid, shipped, refunded…), newest first. */
export default function NotificationsPage() {
  usePageTitle('Notifications');
  const list = useCursorList(loadNotifications, []);
  const replace = (read: NotificationView) =>
    list.replace((item) => item.notification_id === read.notification_id, read);

  return (
    <section>
      <h1>Notifications</h1>
      <CursorListView
        list={list}
        loadingLabel="Loading notifications…"
        empty={<Empty title="No notifications yet">When your orders move, you hear about it here.</Empty>}
        className="notification-list"
        moreLabel="Show older notifications"
      >
        {(notification) => (
          <NotificationItem key={notification.notification_id} notification={notification} onRead={replace} />
        )}
      </CursorListView>
    </section>
  );
}
