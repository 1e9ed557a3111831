/**
 * What the notifications domain needs from storage. The DynamoDB adapter (repository.ts) is the
 * one implementation; the domain (service.ts) sees only this.
 */

export interface NotificationRecord {
  notificationId: string;
  userId: string;
  kind: string;
  title: string;
  body: string;
  orderId: string | null;
  productId: string | null;
  eventId: string;
  createdAt: string;
  readAt: string | null;
  email: { to: string; subject: string; text: string } | null;
}

/** A user's notifications, recorded once per event and user, newest first. */
export interface NotificationStore {
  /** Once per event and user; says whether its e-mail is still to be sent. */
  record(notification: NotificationRecord): Promise<{ created: boolean; emailPending: boolean }>;
  markEmailSent(eventId: string, userId: string): Promise<void>;
  list(
    userId: string,
    options: { limit: number; cursor?: string; unreadOnly?: boolean },
  ): Promise<{ items: NotificationRecord[]; nextCursor: string | null }>;
  /** Marks it read (keeping the first time); NotFoundError when the user has no such notification. */
  markRead(userId: string, notificationId: string, at: string): Promise<NotificationRecord>;
}
