import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { isConditionFailure } from '../../shared/dynamo-errors';
import { guardedTransaction, markerPut } from '../../shared/guarded-transaction';
import { type RecentView, type RecommendationStore, type ScoreIncrement, scope } from './store';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export const SCORE_INDEX = 'ByScore';

export function recommendationRepository(
  doc: DynamoDBDocumentClient,
  tableName: string,
): RecommendationStore {
  const increment = (change: ScoreIncrement): TransactItem => ({
    Update: {
      TableName: tableName,
      Key: { pk: change.scope, sk: `P#${change.productId}` },
      UpdateExpression: 'ADD score :by SET product_id = :product, score_scope = :scope',
      ExpressionAttributeValues: { ':by': change.by, ':product': change.productId, ':scope': change.scope },
    },
  });

  return {
    /**
     * Applies an order's counter increments exactly once: they are split into transactions
     * of at most 99, each with its own marker, so a redelivered event (or a retried chunk)
     * counts nothing twice. The split is deterministic for the same order.
     */
    async applyOrderOnce(orderId: string, increments: ScoreIncrement[]): Promise<number> {
      let applied = 0;
      for (let start = 0, chunk = 0; start < increments.length; start += 99, chunk++) {
        const part = increments.slice(start, start + 99);
        const counted = await guardedTransaction(doc, [
          markerPut(tableName, { pk: `ORDER#${orderId}`, sk: `CHUNK#${chunk}`, type: 'COUNTED' }),
          ...part.map(increment),
        ]);
        if (counted) applied += part.length;
      }
      return applied;
    },

    async incrementOne(change: ScoreIncrement): Promise<void> {
      await doc.send(new UpdateCommand(increment(change).Update as never));
    },

    /** The highest-scoring products of a scope: one index query, however many products it holds. */
    async top(scopeKey: string, limit: number): Promise<Array<{ productId: string; score: number }>> {
      const page = await doc.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: SCORE_INDEX,
          KeyConditionExpression: 'score_scope = :scope',
          ExpressionAttributeValues: { ':scope': scopeKey },
          ScanIndexForward: false,
          Limit: limit,
        }),
      );
      return (page.Items ?? []).map((item) => ({
        productId: item.product_id as string,
        score: item.score as number,
      }));
    },

    /**
     * Publishes a product's top partners when their ranking differs from the one last
     * published: the `TOP_PARTNERS` item is rewritten with the next version (its stream image
     * is BoughtTogetherChanged), conditional on the version read, so concurrent orders each
     * leave the newest ranking and no version is written twice.
     */
    async publishTopPartners(productId: string, limit: number): Promise<boolean> {
      const itemKey = { pk: `TOP#${productId}`, sk: 'TOP_PARTNERS' };
      for (let attempt = 1; attempt <= 5; attempt++) {
        const { Item } = await doc.send(
          new GetCommand({ TableName: tableName, Key: itemKey, ConsistentRead: true }),
        );
        const partners = (await this.top(scope.boughtWith(productId), limit)).map((partner) => ({
          product_id: partner.productId,
          score: partner.score,
        }));
        if (Item && JSON.stringify(Item.partners) === JSON.stringify(partners)) return false;
        const read = (Item?.version as number | undefined) ?? 0;
        try {
          await doc.send(
            new PutCommand({
              TableName: tableName,
              Item: { ...itemKey, type: 'TOP_PARTNERS', product_id: productId, partners, version: read + 1 },
              ConditionExpression: 'attribute_not_exists(pk) OR version = :read',
              ExpressionAttributeValues: { ':read': read },
            }),
          );
          return true;
        } catch (error) {
          if (!isConditionFailure(error)) throw error;
        }
      }
      return false;
    },

    async recordView(
      userId: string,
      productId: string,
      weight: number,
      at: string,
      ttlSeconds: number,
    ): Promise<void> {
      await doc.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            pk: `VIEWS#${userId}`,
            sk: `${at}#${productId}`,
            product_id: productId,
            weight,
            expires_at: Math.floor(Date.parse(at) / 1000) + ttlSeconds,
          },
        }),
      );
    },

    async recentViews(userId: string, limit: number, nowSeconds: number): Promise<RecentView[]> {
      const page = await doc.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': `VIEWS#${userId}` },
          ScanIndexForward: false,
          Limit: limit,
        }),
      );
      return (page.Items ?? [])
        .filter((item) => (item.expires_at as number) > nowSeconds)
        .map((item) => ({
          productId: item.product_id as string,
          weight: item.weight as number,
          at: (item.sk as string).split('#')[0]!,
        }));
    },
  };
}
