import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { Button } from '../../components/button';
import { ErrorMessage } from '../../components/error-message';
import { Link } from '../../router';
import type { SellerProduct } from './seller-types';

const STATUS_WORDS: Record<SellerProduct['status'], string> = {
  active: 'Published: shoppers can find and buy it.',
  out_of_stock: 'Published, but out of stock: shoppers see it and cannot buy it.',
  draft: 'Draft: only you can see it.',
  deleted: 'Deleted: off sale for good.',
};

/**
 * Publish, unpublish (back to a draft) or delete the product. Deleting is a soft delete the
 * API cannot undo, so it asks once more in the page (no browser dialog).
 */
export function SellerListingActions({
  product,
  onChange,
  onDeleted,
}: {
  product: SellerProduct;
  onChange(product: SellerProduct): void;
  onDeleted(): void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [confirming, setConfirming] = useState(false);
  const path = { product_id: product.product_id };
  const published = product.status === 'active' || product.status === 'out_of_stock';

  const act = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  const setStatus = (status: 'active' | 'draft') =>
    act(async () => {
      onChange(
        await unwrap(api.PUT('/api/v1/seller/products/{product_id}', { params: { path }, body: { status } })),
      );
    });
  const remove = () =>
    act(async () => {
      await unwrap(api.DELETE('/api/v1/seller/products/{product_id}', { params: { path } }));
      onDeleted();
    });

  return (
    <section className="seller-panel" aria-labelledby="seller-listing-heading">
      <h2 id="seller-listing-heading">Listing</h2>
      <p>{STATUS_WORDS[product.status]}</p>
      {published ? (
        <p>
          <Link to={`/products/${encodeURIComponent(product.product_id)}`}>See it in the shop</Link>
        </p>
      ) : null}
      {error ? <ErrorMessage error={error} /> : null}
      <div className="seller-actions">
        {published ? (
          <Button variant="secondary" busy={busy} onClick={() => void setStatus('draft')}>
            Unpublish
          </Button>
        ) : (
          <Button busy={busy} onClick={() => void setStatus('active')}>
            Publish
          </Button>
        )}
        {confirming ? null : (
          <Button variant="danger" busy={busy} onClick={() => setConfirming(true)}>
            Delete product
          </Button>
        )}
      </div>
      {confirming ? (
        <div className="seller-confirm">
          <p>Delete “{product.title}”? It leaves the shop and cannot be restored.</p>
          <div className="seller-actions">
            <Button variant="danger" busy={busy} onClick={() => void remove()} autoFocus>
              Yes, delete it
            </Button>
            <Button variant="secondary" onClick={() => setConfirming(false)}>
              Keep it
            </Button>
          </div>
        </div>
      ) : null}
    </section>
  );
}
