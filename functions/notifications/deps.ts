import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { dynamo } from '../../shared/clients';
import { optionalEnv, requireEnv } from '../../shared/config';
import { contactOf } from '../identity/contact-lookup';
import { notificationRepository } from './repository';
import type { NotificationsDeps } from './service';

let deps: NotificationsDeps | undefined;

export function notificationsDeps(): NotificationsDeps {
  if (!deps) {
    const delivery = optionalEnv('EMAIL_DELIVERY', 'record');
    const ses = delivery === 'ses' ? new SESv2Client({}) : undefined;
    deps = {
      notifications: notificationRepository(dynamo(), requireEnv('NOTIFICATIONS_TABLE_NAME')),
      contactOf,
      sendEmail: ses
        ? async (email) => {
            await ses.send(
              new SendEmailCommand({
                FromEmailAddress: requireEnv('EMAIL_FROM'),
                Destination: { ToAddresses: [email.to] },
                Content: {
                  Simple: { Subject: { Data: email.subject }, Body: { Text: { Data: email.text } } },
                },
              }),
            );
          }
        : undefined,
      now: () => new Date(),
    };
  }
  return deps;
}
