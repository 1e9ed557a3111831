import { type FormEvent, useRef, useState } from 'react';
import { api, unwrap } from '../../api/client';
import { Button } from '../../components/button';
import { navigate, usePageTitle } from '../../router';
import { SellerProductForm } from './product-form';
import { createProductBody, EMPTY_PRODUCT_FORM } from './product-values';
import { SellerArea } from './seller-area';
import { useFormSubmit } from './use-form-submit';

type ListingStatus = 'active' | 'draft';

function NewProduct() {
  usePageTitle('New product');
  const [values, setValues] = useState(EMPTY_PRODUCT_FORM);
  const submit = useFormSubmit();
  // Which button sent the form: Enter in a field publishes, as the first button does.
  const chosen = useRef<ListingStatus>('active');

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const status = chosen.current;
    chosen.current = 'active';
    void submit.run(async () => {
      const product = await unwrap(
        api.POST('/api/v1/seller/products', { body: createProductBody(values, status) }),
      );
      navigate(`/seller/products/${encodeURIComponent(product.product_id)}?created=${status}`);
    });
  };

  return (
    <section>
      <h1>New product</h1>
      <p>Images are added on the next page, once the product exists.</p>
      <SellerProductForm
        values={values}
        onChange={setValues}
        submit={submit}
        onSubmit={onSubmit}
        withStock
        buttons={
          <>
            <Button type="submit" busy={submit.busy} onClick={() => (chosen.current = 'active')}>
              Publish
            </Button>
            <Button
              type="submit"
              variant="secondary"
              busy={submit.busy}
              onClick={() => (chosen.current = 'draft')}
            >
              Save as draft
            </Button>
          </>
        }
      />
    </section>
  );
}

export default function SellerProductNewPage() {
  return (
    <SellerArea>
      <NewProduct />
    </SellerArea>
  );
}
