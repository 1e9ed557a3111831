import { type DynamoDBClient, QueryCommand as PageQueryCommand } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  type DynamoDBDocumentClient,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { isConditionFailure } from '../../shared/dynamo-errors';
import { fromItem } from './repository';
import type { PagePartner, PartnerSnapshot, ProductPageRecord, ProductPageStore } from './store';

type Item = Record<string, unknown>;

/**
 * The page record lives in the product's own partition: `PRODUCT` (the product, carrying the
 * rating summary) and `PRODUCT#TOGETHER` (the published partners, each with a copy of the
 * partner's shopper-facing fields). `PARTNER#<b> / PAGE#<a>` items say which pages copy b,
 * so a change of b reaches them; they are never deleted (a stale one costs one conditional
 * update that finds nothing to change).
 */
const key = {
  together: (productId: string) => ({ pk: `PRODUCT#${productId}`, sk: 'PRODUCT#TOGETHER' }),
  listedOn: (partnerId: string, pageId: string) => ({ pk: `PARTNER#${partnerId}`, sk: `PAGE#${pageId}` }),
};

export function productPageRepository(
  doc: DynamoDBDocumentClient,
  /** The page's one read goes through the lean client (shared/clients.ts `dynamoDbHotReads`). */
  hotReads: DynamoDBClient,
  tableName: string,
): ProductPageStore {
  return {
    /** The whole page in one request: both items of the product's partition that start with PRODUCT. */
    async get(productId: string): Promise<ProductPageRecord | undefined> {
      const answer = await hotReads.send(
        new PageQueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :product)',
          ExpressionAttributeValues: { ':pk': { S: `PRODUCT#${productId}` }, ':product': { S: 'PRODUCT' } },
        }),
      );
      const Items = (answer.Items ?? []).map((item) => unmarshall(item));
      const product = Items.find((item) => item.sk === 'PRODUCT');
      if (!product) return undefined;
      const together = Items.find((item) => item.sk === 'PRODUCT#TOGETHER');
      const order = (together?.order as string[] | undefined) ?? [];
      const partners = (together?.partners as Record<string, PagePartner> | undefined) ?? {};
      return {
        product: fromItem(product),
        boughtTogether: order.flatMap((id) => partners[id] ?? []),
      };
    },

    /**
     * Replaces a page's partners with a newer published list (`version` from
     * BoughtTogetherChanged); false when the page already holds this one or a newer one.
     */
    async replacePartners(
      productId: string,
      partners: Array<{ score: number; product: PartnerSnapshot }>,
      version: number,
    ): Promise<boolean> {
      // Say which pages copy each partner first, so a change of it from now on finds this page.
      for (let i = 0; i < partners.length; i += 25) {
        let requests: Item[] | undefined = partners.slice(i, i + 25).map((partner) => ({
          PutRequest: { Item: { ...key.listedOn(partner.product.productId, productId), type: 'LISTED_ON' } },
        }));
        while (requests && requests.length > 0) {
          const result = await doc.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
          requests = result.UnprocessedItems?.[tableName] as Item[] | undefined;
        }
      }
      try {
        await doc.send(
          new PutCommand({
            TableName: tableName,
            Item: {
              ...key.together(productId),
              type: 'TOGETHER',
              order: partners.map((partner) => partner.product.productId),
              partners: Object.fromEntries(partners.map((partner) => [partner.product.productId, partner])),
              partners_version: version,
            },
            ConditionExpression: 'attribute_not_exists(pk) OR partners_version < :version',
            ExpressionAttributeValues: { ':version': version },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },

    /** The pages that copy a product as a partner (maybe a few that no longer do). */
    async pagesListing(partnerId: string): Promise<string[]> {
      const pageIds: string[] = [];
      let startKey: Item | undefined;
      do {
        const page = await doc.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': `PARTNER#${partnerId}` },
            ExclusiveStartKey: startKey,
          }),
        );
        for (const item of page.Items ?? []) pageIds.push(String(item.sk).slice('PAGE#'.length));
        startKey = page.LastEvaluatedKey;
      } while (startKey);
      return pageIds;
    },

    /**
     * Copies a partner's newer snapshot into a page that lists it: conditional on the copy held
     * being older (by the product's version or its stock version), so a late event never puts
     * back an older price or stock badge.
     */
    async copyPartner(pageId: string, partner: PartnerSnapshot): Promise<boolean> {
      try {
        await doc.send(
          new UpdateCommand({
            TableName: tableName,
            Key: key.together(pageId),
            UpdateExpression: 'SET partners.#partner.product = :product',
            ConditionExpression:
              'attribute_exists(partners.#partner) AND partners.#partner.product.version <= :version ' +
              'AND partners.#partner.product.stockVersion <= :stock ' +
              'AND (partners.#partner.product.version < :version OR partners.#partner.product.stockVersion < :stock)',
            ExpressionAttributeNames: { '#partner': partner.productId },
            ExpressionAttributeValues: {
              ':product': partner,
              ':version': partner.version,
              ':stock': partner.stockVersion,
            },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },
  };
}
