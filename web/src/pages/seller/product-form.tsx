import type { FormEvent, ReactNode } from 'react';
import { ErrorMessage } from '../../components/error-message';
import { Field } from '../../components/field';
import { CategorySelect } from './category-select';
import type { ProductFormValues } from './product-values';
import type { FormSubmit } from './use-form-submit';

/**
 * The product's fields with the API's errors beside each: title, description, price, the
 * compare-at price (which puts it on sale), the category and, for a new product, its stock.
 * The buttons are the caller's: a new product is published or saved as a draft.
 */
export function SellerProductForm({
  values,
  onChange,
  submit,
  onSubmit,
  withStock,
  buttons,
}: {
  values: ProductFormValues;
  onChange(values: ProductFormValues): void;
  submit: FormSubmit;
  onSubmit(event: FormEvent<HTMLFormElement>): void;
  withStock: boolean;
  buttons: ReactNode;
}) {
  const errors = submit.fieldErrors;
  const set = (field: keyof ProductFormValues) => (event: { target: { value: string } }) =>
    onChange({ ...values, [field]: event.target.value });
  return (
    <form ref={submit.formRef} onSubmit={onSubmit} noValidate className="seller-form">
      <Field
        label="Title"
        name="title"
        required
        value={values.title}
        error={errors.title}
        onChange={set('title')}
      />
      <Field
        as="textarea"
        label="Description"
        name="description"
        rows={5}
        value={values.description}
        error={errors.description}
        onChange={set('description')}
      />
      <div className="seller-form-row">
        <Field
          label="Price (USD)"
          name="price"
          inputMode="decimal"
          required
          value={values.price}
          error={errors.price}
          onChange={set('price')}
        />
        <Field
          label="Compare-at price (USD)"
          name="compare_at_price"
          inputMode="decimal"
          hint="Optional. Above the price, it shows the product on sale."
          value={values.compareAtPrice}
          error={errors.compare_at_price}
          onChange={set('compareAtPrice')}
        />
      </div>
      <CategorySelect
        value={values.category}
        error={errors.category}
        onChange={(category) => onChange({ ...values, category })}
      />
      {withStock ? (
        <Field
          label="Units in stock"
          name="stock"
          inputMode="numeric"
          required
          value={values.stock}
          error={errors.stock}
          onChange={set('stock')}
        />
      ) : null}
      {submit.formError ? <ErrorMessage error={submit.formError} /> : null}
      <div className="seller-actions">{buttons}</div>
    </form>
  );
}
