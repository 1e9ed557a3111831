import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { cancellationReasons, isConditionFailure, withConflictRetry } from '../../shared/dynamo-errors';
import { queryAll } from '../../shared/dynamo-query';
import { guardedTransaction } from '../../shared/guarded-transaction';
import { InsufficientFundsError } from './errors';
import type { ChargeRecord, LedgerEntry, PaymentsStore, TopUpRecord } from './store';
import { key, ledgerItem } from './table-items';

type WalletStore = Pick<
  PaymentsStore,
  'debitWallet' | 'startTopUp' | 'setTopUpProviderRef' | 'creditTopUp' | 'getWallet'
>;

/**
 * Each user's wallet on the payments table. Money moves in the wallet only in transactions that
 * also write the ledger entry, so the balance always equals the ledger.
 */
export function walletRepository(doc: DynamoDBDocumentClient, tableName: string): WalletStore {
  return {
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
    ): Promise<TopUpRecord> {
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
}
