/**
 * What the recommendations domain needs from storage. The DynamoDB adapter (repository.ts) is
 * the one implementation; the domain (service.ts) sees only this.
 */

/** Counters are ranked per scope through a GSI whose sort key is the (numeric) score itself. */
export const scope = {
  boughtWith: (productId: string) => `PAIR#${productId}`,
  bestSellers: (category: string) => `BEST#${category}`,
  allBestSellers: () => 'BEST#ALL',
  viewed: () => 'VIEWED#ALL',
};

export interface ScoreIncrement {
  scope: string;
  productId: string;
  by: number;
}

export interface RecentView {
  productId: string;
  weight: number;
  at: string;
}

/** Scores per scope (ranked), and each user's recent views. */
export interface RecommendationStore {
  /** Applies an order's increments once per order; returns how many were applied (0 on a repeat). */
  applyOrderOnce(orderId: string, increments: ScoreIncrement[]): Promise<number>;
  incrementOne(change: ScoreIncrement): Promise<void>;
  top(scopeKey: string, limit: number): Promise<Array<{ productId: string; score: number }>>;
  recordView(
    userId: string,
    productId: string,
    weight: number,
    at: string,
    ttlSeconds: number,
  ): Promise<void>;
  recentViews(userId: string, limit: number, nowSeconds: number): Promise<RecentView[]>;
  /**
   * Publishes a product's top `limit` partners (BoughtTogetherChanged, from the stream) when
   * they differ from the ones last published; false when they do not.
   */
  publishTopPartners(productId: string, limit: number): Promise<boolean>;
}
