import type { NotificationRecord, NotificationStore } from '../../../functions/notifications/store';
import { NotFoundError } from '../../../shared/errors';

/**
 * An in-memory stand-in for the notifications repository. It keeps the adapter's contract
 * (test/support/contracts/notification-repository.ts runs against both), so unit tests of
 * the service prove what the real table would do.
 */
export function fakeNotificationRepository(): NotificationStore {
  const markers = new Map<string, 'pending' | 'sent' | 'none'>();
  const byUser = new Map<string, NotificationRecord[]>();
  return {
    async record(notification) {
      const marker = `${notification.eventId}/${notification.userId}`;
      const existing = markers.get(marker);
      if (existing) return { created: false, emailPending: existing === 'pending' };
      markers.set(marker, notification.email ? 'pending' : 'none');
      byUser.set(notification.userId, [...(byUser.get(notification.userId) ?? []), { ...notification }]);
      return { created: true, emailPending: notification.email !== null };
    },
    async markEmailSent(eventId, userId) {
      markers.set(`${eventId}/${userId}`, 'sent');
    },
    async list(userId, options) {
      const newestFirst = [...(byUser.get(userId) ?? [])].sort((a, b) =>
        b.notificationId.localeCompare(a.notificationId),
      );
      return { items: newestFirst.slice(0, options.limit), nextCursor: null };
    },
    async markRead(userId, notificationId, at) {
      const found = byUser.get(userId)?.find((item) => item.notificationId === notificationId);
      if (!found) throw new NotFoundError('Notification');
      found.readAt ??= at;
      return { ...found };
    },
  };
}
