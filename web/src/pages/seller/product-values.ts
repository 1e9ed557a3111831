import type { operations } from '../../api/schema';
import type { SellerProduct } from './seller-types';

type CreateProductRequest = operations['CreateProduct']['requestBody']['content']['application/json'];
type UpdateProductRequest = operations['UpdateProduct']['requestBody']['content']['application/json'];

/** What the product form holds: text as typed, turned into the API's numbers on submit. */
export interface ProductFormValues {
  title: string;
  description: string;
  price: string;
  compareAtPrice: string;
  category: string;
  /** Units in stock; asked only when listing a new product (stock changes go through inventory). */
  stock: string;
}

export const EMPTY_PRODUCT_FORM: ProductFormValues = {
  title: '',
  description: '',
  price: '',
  compareAtPrice: '',
  category: '',
  stock: '',
};

export function productFormValuesOf(product: SellerProduct): ProductFormValues {
  return {
    title: product.title,
    description: product.description,
    price: product.price.toFixed(2),
    compareAtPrice: product.compare_at_price === null ? '' : product.compare_at_price.toFixed(2),
    category: product.category,
    stock: '',
  };
}

/**
 * A number the person typed, or undefined when the field is empty. Anything else goes to the
 * API as it reads (NaN is sent as null), so the API's own message appears by the field.
 */
export function typedNumber(text: string): number | undefined {
  const trimmed = text.trim();
  return trimmed === '' ? undefined : Number(trimmed);
}

/**
 * The new product's body. A missing price or stock is sent missing (hence the casts): the API
 * names the field that needs it, and the form shows that message beside it.
 */
export function createProductBody(
  values: ProductFormValues,
  status: 'active' | 'draft',
): CreateProductRequest {
  const compareAt = typedNumber(values.compareAtPrice);
  return {
    title: values.title,
    description: values.description,
    price: typedNumber(values.price) as number,
    ...(compareAt === undefined ? {} : { compare_at_price: compareAt }),
    category: values.category,
    stock: typedNumber(values.stock) as number,
    status,
  };
}

/** The edited product's body: every field of the form; an emptied compare-at price ends the sale. */
export function updateProductBody(values: ProductFormValues): UpdateProductRequest {
  return {
    title: values.title,
    description: values.description,
    price: typedNumber(values.price) as number,
    compare_at_price: typedNumber(values.compareAtPrice) ?? null,
    category: values.category,
  };
}
