import { type FormEvent, useEffect, useState } from 'react';
import { api, unwrap } from '../../api/client';
import { useApi } from '../../api/use-api';
import { Button } from '../../components/button';
import { ErrorMessage } from '../../components/error-message';
import { Field } from '../../components/field';
import { Loading } from '../../components/loading';
import { StockBadge } from '../../components/stock-badge';
import { typedNumber } from './product-values';
import type { SellerStock } from './seller-types';
import { useFormSubmit } from './use-form-submit';

function StockFigures({ stock }: { stock: SellerStock }) {
  return (
    <dl className="seller-figures">
      <div>
        <dt>Available</dt>
        <dd>{stock.available}</dd>
      </div>
      <div>
        <dt>Reserved by checkouts</dt>
        <dd>{stock.reserved}</dd>
      </div>
      <div>
        <dt>Sold</dt>
        <dd>{stock.sold}</dd>
      </div>
      <div>
        <dt>Low-stock threshold</dt>
        <dd>{stock.low_stock_threshold}</dd>
      </div>
    </dl>
  );
}

/**
 * The product's stock (inventory's seller routes): the figures, and a form to add units (or
 * remove them with a negative number) and set the threshold under which it shows as low.
 */
export function SellerStockPanel({ productId }: { productId: string }) {
  const path = { product_id: productId };
  const loaded = useApi(
    () => unwrap(api.GET('/api/v1/seller/products/{product_id}/inventory', { params: { path } })),
    [productId],
  );
  const [stock, setStock] = useState<SellerStock>();
  const [units, setUnits] = useState('');
  const [threshold, setThreshold] = useState('');
  const [saved, setSaved] = useState('');
  const submit = useFormSubmit();

  useEffect(() => {
    if (!loaded.data) return;
    setStock(loaded.data);
    setThreshold(String(loaded.data.low_stock_threshold));
  }, [loaded.data]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSaved('');
    void submit.run(async () => {
      const answer = await unwrap(
        api.PUT('/api/v1/seller/products/{product_id}/inventory', {
          params: { path },
          body: {
            // Only the threshold changed: no units move.
            stock_delta: typedNumber(units) ?? 0,
            low_stock_threshold: typedNumber(threshold) as number,
          },
        }),
      );
      setStock(answer);
      setUnits('');
      setSaved(`Stock updated: ${answer.available} available.`);
    });
  };

  return (
    <section className="seller-panel" aria-labelledby="seller-stock-heading">
      <h2 id="seller-stock-heading">Stock</h2>
      {loaded.status === 'failed' ? <ErrorMessage error={loaded.error} onRetry={loaded.reload} /> : null}
      {!stock && loaded.status === 'loading' ? <Loading label="Loading stock…" /> : null}
      {stock ? (
        <>
          <StockBadge status={stock.stock_status} />
          <StockFigures stock={stock} />
          <form ref={submit.formRef} onSubmit={onSubmit} noValidate className="seller-form">
            <div className="seller-form-row">
              <Field
                label="Units to add"
                name="stock_delta"
                inputMode="numeric"
                hint="A negative number removes units."
                value={units}
                error={submit.fieldErrors.stock_delta}
                onChange={(event) => setUnits(event.target.value)}
              />
              <Field
                label="Low-stock threshold"
                name="low_stock_threshold"
                inputMode="numeric"
                hint="At or below it, shoppers see “Only a few left”."
                value={threshold}
                error={submit.fieldErrors.low_stock_threshold}
                onChange={(event) => setThreshold(event.target.value)}
              />
            </div>
            {submit.formError ? <ErrorMessage error={submit.formError} /> : null}
            <div className="seller-actions">
              <Button type="submit" busy={submit.busy}>
                Update stock
              </Button>
              <p role="status" className="seller-saved">
                {saved}
              </p>
            </div>
          </form>
        </>
      ) : null}
    </section>
  );
}
