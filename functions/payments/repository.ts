import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { isConditionFailure } from '../../shared/dynamo-errors';
import type { DomainEvent } from '../../shared/events';
import { newId } from '../../shared/ids';
import { type OutboxKey, outboxItem } from '../../shared/outbox';
import { refundRepository } from './refund-repository';
import type { ChargeRecord, NewCharge, PaymentMethodRecord, PaymentsStore } from './store';
import { chargeFromItem, key } from './table-items';
import { walletRepository } from './wallet-repository';

type Item = Record<string, unknown>;

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

/**
 * The payments table: payment methods, one charge record per order (its idempotency key is
 * the order), refunds (./refund-repository.ts), and each user's wallet with a ledger
 * (./wallet-repository.ts).
 */
export function paymentsRepository(doc: DynamoDBDocumentClient, tableName: string): PaymentsStore {
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
    async ensureCharge(input: NewCharge): Promise<ChargeRecord> {
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
  };

  return { ...repository, ...walletRepository(doc, tableName), ...refundRepository(doc, tableName) };
}
