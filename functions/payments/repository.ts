import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { cancellationReasons, isConditionFailure, withConflictRetry } from '../../shared/dynamo-errors';
import { queryAll } from '../../shared/dynamo-query';
import type { DomainEvent } from '../../shared/events';
import { guardedTransaction } from '../../shared/guarded-transaction';
import { newId } from '../../shared/ids';
import { type OutboxKey, outboxItem } from '../../shared/outbox';
import { InsufficientFundsError } from './errors';
import { refundRepository } from './refund-repository';
import { chargeFromItem, key, ledgerItem } from './table-items';

type Item = Record<string, unknown>;

export interface PaymentMethodRecord {
  paymentMethodId: string;
  userId: string;
  type: 'card' | 'wallet';
  /** The provider's token (`pm_card_visa`); never a card number. */
  providerToken: string | null;
  brand: string | null;
  last4: string | null;
  expMonth: number | null;
  expYear: number | null;
  createdAt: string;
  deleted: boolean;
}

export type ChargeStatus = 'pending' | 'charged' | 'failed' | 'refunded';

export interface ChargeRecord {
  paymentId: string;
  orderId: string;
  userId: string;
  /** Unique by construction: one charge per order. */
  idempotencyKey: string;
  method: 'card' | 'wallet';
  paymentMethodId: string;
  providerRef: string | null;
  status: ChargeStatus;
  amountCents: number;
  /** What refunds have given back (settled refunds only). */
  refundedCents: number;
  /** What refunds have claimed: the settled ones and those still `requested`. Never above amountCents. */
  reservedCents: number;
  currency: string;
  failureCode: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface LedgerEntry {
  entryId: string;
  kind: 'top_up' | 'charge' | 'refund';
  amountCents: number;
  reference: string;
  createdAt: string;
}

function methodFromItem(item: Item): PaymentMethodRecord {
  return {
    paymentMethodId: item.payment_method_id as string,
    userId: item.user_id as string,
    type: item.method_type as 'card' | 'wallet',
    providerToken: (item.provider_token as string | undefined) ?? null,
    brand: (item.brand as string | undefined) ?? null,
    last4: (item.last4 as string | undefined) ?? null,
    expMonth: (item.exp_month as number | undefined) ?? null,
    expYear: (item.exp_year as number | undefined) ?? null,
    createdAt: item.created_at as string,
    deleted: item.deleted === true,
  };
}

export type PaymentsRepository = ReturnType<typeof paymentsRepository>;

/**
 * The payments table: payment methods, one charge record per order (its idempotency key is
 * the order), refunds (./refund-repository.ts), and each user's wallet with a ledger. Money moves in the wallet only
 * in transactions that also write the ledger entry, so the balance always equals the ledger.
 */
export function paymentsRepository(doc: DynamoDBDocumentClient, tableName: string) {
  const repository = {
    async putMethod(method: PaymentMethodRecord): Promise<PaymentMethodRecord> {
      try {
        await doc.send(
          new PutCommand({
            TableName: tableName,
            Item: {
              ...key.method(method.userId, method.paymentMethodId),
              type: 'PAYMENT_METHOD',
              payment_method_id: method.paymentMethodId,
              user_id: method.userId,
              method_type: method.type,
              provider_token: method.providerToken ?? undefined,
              brand: method.brand ?? undefined,
              last4: method.last4 ?? undefined,
              exp_month: method.expMonth ?? undefined,
              exp_year: method.expYear ?? undefined,
              created_at: method.createdAt,
              deleted: false,
            },
            ConditionExpression: 'attribute_not_exists(pk) OR deleted = :true',
            ExpressionAttributeValues: { ':true': true },
          }),
        );
        return method;
      } catch (error) {
        // The user's wallet method already exists: creating it again returns it.
        if (isConditionFailure(error))
          return (await repository.getMethod(method.userId, method.paymentMethodId))!;
        throw error;
      }
    },

    async getMethod(userId: string, paymentMethodId: string): Promise<PaymentMethodRecord | undefined> {
      const { Item } = await doc.send(
        new GetCommand({ TableName: tableName, Key: key.method(userId, paymentMethodId) }),
      );
      return Item ? methodFromItem(Item) : undefined;
    },

    async listMethods(userId: string): Promise<PaymentMethodRecord[]> {
      const page = await doc.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': `USER#${userId}`, ':prefix': 'PM#' },
        }),
      );
      return (page.Items ?? []).map(methodFromItem).filter((method) => !method.deleted);
    },

    /** Soft delete: orders already placed with this method can still be charged and refunded. */
    async deleteMethod(userId: string, paymentMethodId: string): Promise<boolean> {
      try {
        await doc.send(
          new UpdateCommand({
            TableName: tableName,
            Key: key.method(userId, paymentMethodId),
            UpdateExpression: 'SET deleted = :true',
            ConditionExpression: 'attribute_exists(pk) AND deleted = :false',
            ExpressionAttributeValues: { ':true': true, ':false': false },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },

    /** The order's charge record, created on first call and returned as it is on every later one. */
    async ensureCharge(
      input: Omit<
        ChargeRecord,
        | 'paymentId'
        | 'status'
        | 'providerRef'
        | 'refundedCents'
        | 'reservedCents'
        | 'failureCode'
        | 'updatedAt'
      >,
    ): Promise<ChargeRecord> {
      const record: ChargeRecord = {
        ...input,
        paymentId: newId('pay'),
        providerRef: null,
        status: 'pending',
        refundedCents: 0,
        reservedCents: 0,
        failureCode: null,
        updatedAt: input.createdAt,
      };
      try {
        await doc.send(
          new PutCommand({
            TableName: tableName,
            Item: {
              ...key.charge(input.orderId),
              type: 'CHARGE',
              payment_id: record.paymentId,
              order_id: record.orderId,
              user_id: record.userId,
              idempotency_key: record.idempotencyKey,
              method: record.method,
              payment_method_id: record.paymentMethodId,
              status: record.status,
              amount_cents: record.amountCents,
              refunded_cents: 0,
              reserved_cents: 0,
              currency: record.currency,
              created_at: record.createdAt,
              updated_at: record.updatedAt,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return record;
      } catch (error) {
        if (isConditionFailure(error)) return (await repository.getCharge(input.orderId))!;
        throw error;
      }
    },

    async getCharge(orderId: string): Promise<ChargeRecord | undefined> {
      const { Item } = await doc.send(
        new GetCommand({ TableName: tableName, Key: key.charge(orderId), ConsistentRead: true }),
      );
      return Item ? chargeFromItem(Item) : undefined;
    },

    /** Stores the PaymentIntent id before it is confirmed, so a reconciler can always find it. */
    async setProviderRef(orderId: string, providerRef: string, now: string): Promise<void> {
      await doc.send(
        new UpdateCommand({
          TableName: tableName,
          Key: key.charge(orderId),
          UpdateExpression: 'SET provider_ref = :ref, updated_at = :now',
          ConditionExpression: 'attribute_not_exists(provider_ref) OR provider_ref = :ref',
          ExpressionAttributeValues: { ':ref': providerRef, ':now': now },
        }),
      );
    },

    /** Moves a pending charge to charged or failed; a repeat finds it done and changes nothing. */
    async settleCharge(
      orderId: string,
      status: 'charged' | 'failed',
      now: string,
      failureCode?: string,
    ): Promise<boolean> {
      try {
        await doc.send(
          new UpdateCommand({
            TableName: tableName,
            Key: key.charge(orderId),
            UpdateExpression: `SET #status = :status, updated_at = :now${failureCode ? ', failure_code = :code' : ''}`,
            ConditionExpression: '#status = :pending',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':status': status,
              ':pending': 'pending',
              ':now': now,
              ...(failureCode ? { ':code': failureCode } : {}),
            },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },

    /**
     * Pays an order from the wallet: the balance (only if it covers the amount), the ledger
     * entry and the charge record change together, once per order.
     */
    async debitWallet(charge: ChargeRecord, now: string): Promise<'charged' | 'already' | 'not_pending'> {
      try {
        await withConflictRetry(() =>
          doc.send(
            new TransactWriteCommand({
              TransactItems: [
                {
                  Update: {
                    TableName: tableName,
                    Key: key.wallet(charge.userId),
                    UpdateExpression: 'SET balance_cents = balance_cents - :amount, updated_at = :now',
                    ConditionExpression: 'balance_cents >= :amount',
                    ExpressionAttributeValues: { ':amount': charge.amountCents, ':now': now },
                  },
                },
                {
                  Put: {
                    TableName: tableName,
                    Item: ledgerItem(charge.userId, 'charge', charge.orderId, -charge.amountCents, now),
                    ConditionExpression: 'attribute_not_exists(pk)',
                  },
                },
                {
                  Update: {
                    TableName: tableName,
                    Key: key.charge(charge.orderId),
                    UpdateExpression: 'SET #status = :charged, updated_at = :now',
                    ConditionExpression: '#status = :pending',
                    ExpressionAttributeNames: { '#status': 'status' },
                    ExpressionAttributeValues: { ':charged': 'charged', ':pending': 'pending', ':now': now },
                  },
                },
              ],
            }),
          ),
        );
        return 'charged';
      } catch (error) {
        const reasons = cancellationReasons(error);
        // The ledger already holds this order's debit: it was charged before.
        if (reasons?.[1] === 'ConditionalCheckFailed') return 'already';
        // The charge is no longer pending (failed or cancelled meanwhile): nothing may be taken.
        if (reasons?.[2] === 'ConditionalCheckFailed') return 'not_pending';
        if (reasons?.[0] === 'ConditionalCheckFailed') throw new InsufficientFundsError();
        throw error;
      }
    },

    /** A top-up intent, recorded before the card is charged; a repeat returns the first. */
    async startTopUp(
      userId: string,
      topUpId: string,
      amountCents: number,
      paymentMethodId: string,
      now: string,
    ): Promise<{ status: string; providerRef: string | null; amountCents: number; paymentMethodId: string }> {
      try {
        await doc.send(
          new PutCommand({
            TableName: tableName,
            Item: {
              ...key.topUp(userId, topUpId),
              type: 'TOPUP',
              top_up_id: topUpId,
              amount_cents: amountCents,
              payment_method_id: paymentMethodId,
              status: 'pending',
              created_at: now,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return { status: 'pending', providerRef: null, amountCents, paymentMethodId };
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        const { Item } = await doc.send(
          new GetCommand({ TableName: tableName, Key: key.topUp(userId, topUpId), ConsistentRead: true }),
        );
        return {
          status: Item!.status as string,
          providerRef: (Item!.provider_ref as string | undefined) ?? null,
          amountCents: Item!.amount_cents as number,
          paymentMethodId: Item!.payment_method_id as string,
        };
      }
    },

    async setTopUpProviderRef(userId: string, topUpId: string, providerRef: string): Promise<void> {
      await doc.send(
        new UpdateCommand({
          TableName: tableName,
          Key: key.topUp(userId, topUpId),
          UpdateExpression: 'SET provider_ref = :ref',
          ExpressionAttributeValues: { ':ref': providerRef },
        }),
      );
    },

    /** Credits a paid top-up to the wallet with its ledger entry, once. */
    async creditTopUp(userId: string, topUpId: string, amountCents: number, now: string): Promise<boolean> {
      return guardedTransaction(doc, [
        {
          Update: {
            TableName: tableName,
            Key: key.topUp(userId, topUpId),
            UpdateExpression: 'SET #status = :credited, updated_at = :now',
            ConditionExpression: '#status = :pending',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':credited': 'credited',
              ':pending': 'pending',
              ':now': now,
            },
          },
        },
        {
          Update: {
            TableName: tableName,
            Key: key.wallet(userId),
            UpdateExpression:
              'SET balance_cents = if_not_exists(balance_cents, :zero) + :amount, updated_at = :now',
            ExpressionAttributeValues: { ':amount': amountCents, ':zero': 0, ':now': now },
          },
        },
        {
          Put: {
            TableName: tableName,
            Item: ledgerItem(userId, 'top_up', topUpId, amountCents, now),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      ]);
    },

    /**
     * Records a fact the provider told us (a succeeded PaymentIntent) as an outbox item: its
     * events leave through the stream. Recording the same fact again changes nothing.
     */
    async recordProviderFact(fact: OutboxKey, events: DomainEvent[], now: Date): Promise<void> {
      try {
        await doc.send(
          new PutCommand({
            TableName: tableName,
            Item: outboxItem(fact, events, now),
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
    },

    async getWallet(userId: string): Promise<{ balanceCents: number; ledger: LedgerEntry[] }> {
      const items = await queryAll(doc, {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `WALLET#${userId}` },
        ConsistentRead: true,
      });
      const balance = items.find((item) => item.sk === 'BALANCE');
      const ledger = items
        .filter((item) => (item.sk as string).startsWith('LEDGER#'))
        .map((item) => ({
          entryId: item.entry_id as string,
          kind: item.kind as LedgerEntry['kind'],
          amountCents: item.amount_cents as number,
          reference: item.reference as string,
          createdAt: item.created_at as string,
        }))
        .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
      return { balanceCents: (balance?.balance_cents as number | undefined) ?? 0, ledger };
    },
  };

  return { ...repository, ...refundRepository(doc, tableName) };
}
