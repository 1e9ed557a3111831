import { newId } from '../../shared/ids';
import { draftsFor, emailFor } from './messages';
import type { NotificationRecord, NotificationStore } from './store';

export interface NotificationsDeps {
  notifications: NotificationStore;
  contactOf: (userId: string) => Promise<{ email: string; name: string } | undefined>;
  /** SES on AWS; locally the e-mail is only recorded on the notification. */
  sendEmail: ((email: { to: string; subject: string; text: string }) => Promise<void>) | undefined;
  now: () => Date;
}

/**
 * One notification per event per user: a redelivered event finds its marker and records
 * nothing more. Its e-mail goes out at least once: one whose send failed is sent again on
 * the redelivery, one that was sent is not.
 */
export async function notify(
  detailType: string,
  detail: Record<string, unknown> & { eventId: string },
  deps: NotificationsDeps,
): Promise<number> {
  let recorded = 0;
  const failedSends: unknown[] = [];
  for (const draft of draftsFor(detailType, detail)) {
    const contact = await deps.contactOf(draft.userId);
    const email = contact ? emailFor(draft, contact) : null;
    const outcome = await deps.notifications.record({
      notificationId: newId('ntf'),
      userId: draft.userId,
      kind: draft.kind,
      title: draft.title,
      body: draft.body,
      orderId: draft.orderId ?? null,
      productId: draft.productId ?? null,
      eventId: detail.eventId,
      createdAt: deps.now().toISOString(),
      readAt: null,
      email,
    });
    if (outcome.created) recorded++;
    // At least once: the marker stays pending until the send succeeds, so a failed send is
    // tried again when the event comes back; one recipient's failure does not hold up the rest.
    if (outcome.emailPending && email && deps.sendEmail) {
      try {
        await deps.sendEmail(email);
        await deps.notifications.markEmailSent(detail.eventId, draft.userId);
      } catch (error) {
        failedSends.push(error);
      }
    }
  }
  // Failing the invocation is what makes the bus redeliver the event.
  if (failedSends.length) throw failedSends[0];
  return recorded;
}

export function notificationView(notification: NotificationRecord) {
  return {
    notification_id: notification.notificationId,
    kind: notification.kind,
    title: notification.title,
    body: notification.body,
    order_id: notification.orderId,
    product_id: notification.productId,
    created_at: notification.createdAt,
    read: notification.readAt !== null,
    read_at: notification.readAt,
  };
}
