import { ArnFormat, Stack } from 'aws-cdk-lib';
import type { ITable, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { type EmailSending, type WiredService, wireService } from './manifest-wiring';
import type { ApiAuth, Platform } from './platform';
import { requireTable, serviceTables } from './tables';

/** The From address when the `emailFrom` context names none; SES must have it (or its domain) verified. */
export const DEFAULT_EMAIL_FROM = 'no-reply@bazaar.example';

/** `Shop <no-reply@shop.example>` or `no-reply@shop.example` → its address and domain. */
export function emailAddressOf(from: string): { address: string; domain: string } {
  const address = (/<([^<>]+)>\s*$/.exec(from)?.[1] ?? from).trim();
  const match = /^[^@\s<>]+@([A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+)$/.exec(address);
  if (!match) throw new Error(`The e-mail sender ${from} is not an address such as no-reply@shop.example`);
  return { address, domain: match[1]!.toLowerCase() };
}

/**
 * What sending as `from` takes: the address, and the two SES identities SES may authorize it
 * under (the address itself, or its whole domain, whichever the operators verified).
 */
export function emailSending(scope: Construct, from: string): EmailSending {
  const { address, domain } = emailAddressOf(from);
  const identityArn = (identity: string) =>
    Stack.of(scope).formatArn({
      service: 'ses',
      resource: 'identity',
      resourceName: identity,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
  return { from, identityArns: [identityArn(domain), identityArn(address)] };
}

export interface NotificationsProps {
  readonly platform: Platform;
  readonly auth: ApiAuth;
  /** Read by the auth middleware, and for each recipient's address and name (identity's lookup). */
  readonly usersTable: ITable;
  /**
   * The From address of notification e-mails (`emailFrom` context). SES sends only from a
   * verified identity: verify the address or its domain in SES before the first deploy, and,
   * while the account is in the SES sandbox, every recipient too.
   */
  readonly emailFrom: string;
}

/**
 * Notifications: one notification per event per user (order progress for buyers, new orders
 * and low stock for sellers), kept in the notifications table and e-mailed through SES, and
 * the routes that list them and mark them read.
 */
export class Notifications extends Construct {
  public readonly notificationsTable: Table;
  public readonly email: EmailSending;
  public readonly functions: WiredService;

  constructor(scope: Construct, id: string, props: NotificationsProps) {
    super(scope, id);
    this.notificationsTable = requireTable(
      serviceTables(this, 'notifications', props.platform.stage),
      'notifications',
      'notifications',
    );
    this.email = emailSending(this, props.emailFrom);
    this.functions = wireService(this, {
      service: 'notifications',
      platform: props.platform,
      auth: props.auth,
      tables: { notifications: this.notificationsTable, users: props.usersTable },
      email: this.email,
    });
  }
}
