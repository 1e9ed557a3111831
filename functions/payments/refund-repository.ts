import {
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { cancellationReasons, isConditionFailure, withConflictRetry } from '../../shared/dynamo-errors';
import { queryAll } from '../../shared/dynamo-query';
import { newId } from '../../shared/ids';
import { RefundExceedsChargeError } from './errors';
import type {
  ChargeRecord,
  PageCursor,
  PaymentsStore,
  RefundRecord,
  RefundSettlement,
  RefundStatus,
} from './store';
import { chargeFromItem, key, ledgerItem } from './table-items';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

type Item = Record<string, unknown>;

/** Sparse: only `requested` refunds carry refund_bucket, so the retry schedule reads exactly those. */
export const REFUND_GSI = { requested: 'ByRequestedRefund' } as const;

/** Attempts before giving up on a charge that other refunds keep changing under us. */
const MAX_OPTIMISTIC_ATTEMPTS = 25;

function refundFromItem(item: Item): RefundRecord {
  return {
    refundId: item.refund_id as string,
    orderId: item.order_id as string,
    refundKey: (item.refund_key as string | undefined) ?? (item.sk as string).slice('REFUND#'.length),
    amountCents: item.amount_cents as number,
    // Refunds recorded before the state machine said `pending` for what is now `requested`.
    status: item.status === 'pending' ? 'requested' : (item.status as RefundStatus),
    providerRef: (item.provider_ref as string | undefined) ?? null,
    attempts: (item.attempts as number | undefined) ?? 0,
    lastError: (item.last_error as string | undefined) ?? null,
    createdAt: item.created_at as string,
    updatedAt: (item.updated_at as string | undefined) ?? (item.created_at as string),
  };
}

/** True when another writer changed the charge (or the refund) between our read and our write. */
function lostRace(error: unknown): boolean {
  const reasons = cancellationReasons(error);
  return reasons?.[0] === 'ConditionalCheckFailed' || reasons?.[1] === 'ConditionalCheckFailed';
}

/** The charge as it was read: refunded and reserved totals unchanged since. */
const chargeUnchanged = (charge: ChargeRecord) => ({
  condition:
    '#status IN (:charged, :refunded) AND refunded_cents = :wasRefunded AND ' +
    '(reserved_cents = :wasReserved OR (attribute_not_exists(reserved_cents) AND refunded_cents = :wasReserved))',
  values: {
    ':charged': 'charged',
    ':refunded': 'refunded',
    ':wasRefunded': charge.refundedCents,
    ':wasReserved': charge.reservedCents,
  },
});

const statusAfter = (charge: ChargeRecord, refundedCents: number) =>
  refundedCents >= charge.amountCents ? 'refunded' : 'charged';

/**
 * A refund request's writes: the refund, the charge's claimed (and, for a wallet, refunded) total
 * conditional on the totals read, and for a wallet the credit with its ledger entry.
 */
function refundRequestItems(
  tableName: string,
  charge: ChargeRecord,
  refund: RefundRecord,
  now: string,
): TransactItem[] {
  const { orderId, refundKey, amountCents: cents } = refund;
  const wallet = charge.method === 'wallet';
  const unchanged = chargeUnchanged(charge);
  const refunded = charge.refundedCents + (wallet ? cents : 0);
  return [
    {
      Put: {
        TableName: tableName,
        Item: {
          ...key.refund(orderId, refundKey),
          type: 'REFUND',
          refund_id: refund.refundId,
          order_id: orderId,
          refund_key: refundKey,
          amount_cents: cents,
          status: refund.status,
          attempts: 0,
          created_at: now,
          updated_at: now,
          ...(wallet ? {} : { refund_bucket: 'REQUESTED' }),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    {
      Update: {
        TableName: tableName,
        Key: key.charge(orderId),
        UpdateExpression:
          'SET reserved_cents = :reserved, refunded_cents = :refundedNow, #status = :status, updated_at = :now',
        ConditionExpression: unchanged.condition,
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ...unchanged.values,
          ':reserved': charge.reservedCents + cents,
          ':refundedNow': refunded,
          ':status': statusAfter(charge, refunded),
          ':now': now,
        },
      },
    },
    ...(wallet
      ? [
          {
            Update: {
              TableName: tableName,
              Key: key.wallet(charge.userId),
              UpdateExpression:
                'SET balance_cents = if_not_exists(balance_cents, :zero) + :amount, updated_at = :now',
              ExpressionAttributeValues: { ':amount': cents, ':now': now, ':zero': 0 },
            },
          },
          {
            Put: {
              TableName: tableName,
              Item: ledgerItem(charge.userId, 'refund', `${orderId}:${refundKey}`, cents, now),
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ]
      : []),
  ];
}

const jitter = () => new Promise((resolve) => setTimeout(resolve, Math.random() * 20));

/**
 * Refunds on the payments table. The charge's totals change only by conditional writes on
 * the values just read (optimistic concurrency), in the transaction that changes the refund,
 * so its status always agrees with what was really refunded however many refunds race.
 */
export function refundRepository(
  doc: DynamoDBDocumentClient,
  tableName: string,
): Pick<
  PaymentsStore,
  | 'getRefund'
  | 'listRefunds'
  | 'requestRefund'
  | 'settleRefund'
  | 'recordRefundAttempt'
  | 'listRequestedRefunds'
> {
  const getCharge = async (orderId: string) => {
    const { Item } = await doc.send(
      new GetCommand({ TableName: tableName, Key: key.charge(orderId), ConsistentRead: true }),
    );
    return Item ? chargeFromItem(Item) : undefined;
  };

  const repository = {
    async getRefund(orderId: string, refundKey: string): Promise<RefundRecord | undefined> {
      const { Item } = await doc.send(
        new GetCommand({ TableName: tableName, Key: key.refund(orderId, refundKey), ConsistentRead: true }),
      );
      return Item ? refundFromItem(Item) : undefined;
    },

    async listRefunds(orderId: string): Promise<RefundRecord[]> {
      const items = await queryAll(doc, {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': key.charge(orderId).pk, ':prefix': 'REFUND#' },
        ConsistentRead: true,
      });
      return items.map(refundFromItem);
    },

    /**
     * Records a refund of `amount` (or of what no other refund has claimed yet), once per
     * refund key: a repeat returns the first record, whatever it asked. A card refund starts
     * `requested` and only claims its amount; a wallet refund credits the wallet, with its
     * ledger entry, in the same transaction and is `succeeded` at once. Undefined when
     * nothing is left to refund or the order was never charged.
     */
    async requestRefund(
      orderId: string,
      refundKey: string,
      amount: number | 'remaining',
      now: string,
    ): Promise<RefundRecord | undefined> {
      for (let attempt = 1; attempt <= MAX_OPTIMISTIC_ATTEMPTS; attempt++) {
        const existing = await repository.getRefund(orderId, refundKey);
        if (existing) return existing;
        const charge = await getCharge(orderId);
        if (!charge || (charge.status !== 'charged' && charge.status !== 'refunded')) return undefined;
        const unclaimed = charge.amountCents - charge.reservedCents;
        const cents = amount === 'remaining' ? unclaimed : amount;
        if (cents <= 0) return undefined;
        if (cents > unclaimed) throw new RefundExceedsChargeError(unclaimed);
        const wallet = charge.method === 'wallet';
        const refund: RefundRecord = {
          refundId: newId('pay').replace('pay_', 're_'),
          orderId,
          refundKey,
          amountCents: cents,
          status: wallet ? 'succeeded' : 'requested',
          providerRef: null,
          attempts: 0,
          lastError: null,
          createdAt: now,
          updatedAt: now,
        };
        try {
          await withConflictRetry(() =>
            doc.send(
              new TransactWriteCommand({
                TransactItems: refundRequestItems(tableName, charge, refund, now),
              }),
            ),
          );
          return refund;
        } catch (error) {
          if (!lostRace(error)) throw error;
          await jitter();
        }
      }
      throw new Error(`Refund ${refundKey} of order ${orderId}: the charge kept changing; try again`);
    },

    /**
     * The provider's final answer on a `requested` refund: `succeeded` adds it to the charge's
     * refunded total (the charge becomes `refunded` when that covers it all); `failed` gives its
     * claim back. A refund already settled is returned as it is.
     */
    async settleRefund(
      orderId: string,
      refundKey: string,
      outcome: RefundSettlement,
      now: string,
    ): Promise<RefundRecord> {
      for (let attempt = 1; attempt <= MAX_OPTIMISTIC_ATTEMPTS; attempt++) {
        const refund = await repository.getRefund(orderId, refundKey);
        if (!refund) throw new Error(`Refund ${refundKey} of order ${orderId} does not exist`);
        if (refund.status !== 'requested') return refund;
        const charge = (await getCharge(orderId))!;
        const unchanged = chargeUnchanged(charge);
        const succeeded = outcome.status === 'succeeded';
        const refunded = charge.refundedCents + (succeeded ? refund.amountCents : 0);
        const reserved = charge.reservedCents - (succeeded ? 0 : refund.amountCents);
        try {
          await withConflictRetry(() =>
            doc.send(
              new TransactWriteCommand({
                TransactItems: [
                  {
                    Update: {
                      TableName: tableName,
                      Key: key.refund(orderId, refundKey),
                      UpdateExpression: `SET #status = :settled, updated_at = :now, ${
                        succeeded ? 'provider_ref = :detail' : 'last_error = :detail'
                      } REMOVE refund_bucket`,
                      ConditionExpression: '#status IN (:requested, :legacyPending)',
                      ExpressionAttributeNames: { '#status': 'status' },
                      ExpressionAttributeValues: {
                        ':settled': outcome.status,
                        ':now': now,
                        ':detail': succeeded ? outcome.providerRef : outcome.reason,
                        ':requested': 'requested',
                        ':legacyPending': 'pending',
                      },
                    },
                  },
                  {
                    Update: {
                      TableName: tableName,
                      Key: key.charge(orderId),
                      UpdateExpression:
                        'SET refunded_cents = :refundedNow, reserved_cents = :reserved, #status = :status, updated_at = :now',
                      ConditionExpression: unchanged.condition,
                      ExpressionAttributeNames: { '#status': 'status' },
                      ExpressionAttributeValues: {
                        ...unchanged.values,
                        ':refundedNow': refunded,
                        ':reserved': reserved,
                        ':status': statusAfter(charge, refunded),
                        ':now': now,
                      },
                    },
                  },
                ],
              }),
            ),
          );
          return { ...refund, status: outcome.status, updatedAt: now };
        } catch (error) {
          if (!lostRace(error)) throw error;
          await jitter();
        }
      }
      throw new Error(`Refund ${refundKey} of order ${orderId}: the charge kept changing; try again`);
    },

    /** Notes a provider call that failed without an answer; the refund stays `requested`. */
    async recordRefundAttempt(orderId: string, refundKey: string, error: string, now: string): Promise<void> {
      try {
        await doc.send(
          new UpdateCommand({
            TableName: tableName,
            Key: key.refund(orderId, refundKey),
            UpdateExpression:
              'SET attempts = if_not_exists(attempts, :zero) + :one, last_error = :error, updated_at = :now',
            ConditionExpression: '#status = :requested',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':zero': 0,
              ':one': 1,
              ':error': error.slice(0, 500),
              ':now': now,
              ':requested': 'requested',
            },
          }),
        );
      } catch (failure) {
        // Settled meanwhile (by a concurrent retry): nothing left to note.
        if (!isConditionFailure(failure)) throw failure;
      }
    },

    /** One page of refunds still `requested` that were recorded before `before`, oldest first. */
    async listRequestedRefunds(
      before: string,
      limit: number,
      startKey?: PageCursor,
    ): Promise<{ refunds: RefundRecord[]; next: PageCursor | undefined }> {
      const page = await doc.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: REFUND_GSI.requested,
          KeyConditionExpression: 'refund_bucket = :requested AND created_at < :before',
          ExpressionAttributeValues: { ':requested': 'REQUESTED', ':before': before },
          Limit: limit,
          ExclusiveStartKey: startKey,
        }),
      );
      return { refunds: (page.Items ?? []).map(refundFromItem), next: page.LastEvaluatedKey };
    },
  };
  return repository;
}
