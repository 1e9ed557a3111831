import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { api, unwrap } from '../../api/client';
import { Button } from '../../components/button';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { Link, navigate, usePageTitle, useRoute } from '../../router';
import { SellerListingActions } from './listing-actions';
import { SellerProductForm } from './product-form';
import { SellerProductImages } from './product-images';
import { type ProductFormValues, productFormValuesOf, updateProductBody } from './product-values';
import { SellerArea } from './seller-area';
import type { SellerProduct } from './seller-types';
import { SellerStockPanel } from './stock-panel';
import { useFormSubmit } from './use-form-submit';

const CREATED_WORDS: Record<string, string> = {
  active: 'Your product is published. Add its images below.',
  draft: 'Your draft is saved. Add its images below, then publish it.',
};

/** The seller's product, loaded once per id and then replaced by each answer the page gets. */
function useSellerProduct(productId: string) {
  const [product, setProduct] = useState<SellerProduct>();
  const [error, setError] = useState<unknown>();
  const load = useCallback(() => {
    let current = true;
    setError(undefined);
    unwrap(
      api.GET('/api/v1/seller/products/{product_id}', { params: { path: { product_id: productId } } }),
    ).then(
      (answer) => current && setProduct(answer),
      (failure: unknown) => current && setError(failure),
    );
    return () => {
      current = false;
    };
  }, [productId]);
  useEffect(load, [load]);
  return {
    product: product?.product_id === productId ? product : undefined,
    error,
    setProduct,
    reload: load,
  };
}

function ProductDetails({
  product,
  onChange,
}: {
  product: SellerProduct;
  onChange(product: SellerProduct): void;
}) {
  const [values, setValues] = useState<ProductFormValues>(() => productFormValuesOf(product));
  const [saved, setSaved] = useState('');
  const submit = useFormSubmit();
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSaved('');
    void submit.run(async () => {
      const answer = await unwrap(
        api.PUT('/api/v1/seller/products/{product_id}', {
          params: { path: { product_id: product.product_id } },
          body: updateProductBody(values),
        }),
      );
      onChange(answer);
      setValues(productFormValuesOf(answer));
      setSaved('Changes saved.');
    });
  };
  return (
    <section className="seller-panel" aria-labelledby="seller-details-heading">
      <h2 id="seller-details-heading">Details</h2>
      <SellerProductForm
        values={values}
        onChange={setValues}
        submit={submit}
        onSubmit={onSubmit}
        withStock={false}
        buttons={
          <>
            <Button type="submit" busy={submit.busy}>
              Save changes
            </Button>
            <p role="status" className="seller-saved">
              {saved}
            </p>
          </>
        }
      />
    </section>
  );
}

function EditProduct() {
  const { params, query } = useRoute();
  const productId = params.id ?? '';
  const { product, error, setProduct, reload } = useSellerProduct(productId);
  usePageTitle(product ? `Edit ${product.title}` : 'Edit product');
  const created = CREATED_WORDS[query.get('created') ?? ''];

  if (error) return <ErrorMessage error={error} onRetry={reload} />;
  if (!product) return <Loading label="Loading product…" />;
  return (
    <article className="seller-product">
      <p>
        <Link to="/seller/products">← All products</Link>
      </p>
      <h1>{product.title}</h1>
      {created ? <p className="seller-notice">{created}</p> : null}
      {product.status === 'deleted' ? (
        <p>This product is deleted: it is off sale for good and can no longer be changed.</p>
      ) : (
        <div className="seller-product-panels">
          <SellerListingActions
            product={product}
            onChange={setProduct}
            onDeleted={() => navigate('/seller/products?deleted=1')}
          />
          <SellerProductImages product={product} onChange={setProduct} />
          <ProductDetails key={product.product_id} product={product} onChange={setProduct} />
          <SellerStockPanel productId={product.product_id} />
        </div>
      )}
    </article>
  );
}

export default function SellerProductEditPage() {
  return (
    <SellerArea>
      <EditProduct />
    </SellerArea>
  );
}
