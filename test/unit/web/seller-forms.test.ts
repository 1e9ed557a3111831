import { CreateProductBody, UpdateProductBody } from '../../../functions/catalog/schemas';
import { ValidationError } from '../../../shared/errors';
import { parsePart } from '../../../shared/http/validation';
import { apiErrorOf } from '../../../web/src/api/errors';
import { unitsToShip } from '../../../web/src/pages/seller/order-units';
import {
  createProductBody,
  EMPTY_PRODUCT_FORM,
  type ProductFormValues,
  updateProductBody,
} from '../../../web/src/pages/seller/product-values';

/** What the API makes of a body the form sends: it crosses the wire as JSON (NaN becomes null). */
function apiReading(schema: Parameters<typeof parsePart>[0], body: unknown) {
  const sent = JSON.parse(JSON.stringify(body));
  try {
    return { accepted: parsePart(schema, sent, 'body') };
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const answer = { error: { code: error.code, message: error.message, details: error.details } };
    return { fieldErrors: apiErrorOf(400, answer).fieldErrors };
  }
}

const lamp: ProductFormValues = {
  title: 'Reading lamp',
  description: 'Warm light.',
  price: '34.50',
  compareAtPrice: '40',
  category: 'decor',
  stock: '5',
};

describe('the seller’s product form, as the API reads what it sends', () => {
  it('sends a product typed in full as one the API lists, in exact cents', () => {
    expect(apiReading(CreateProductBody, createProductBody(lamp, 'draft')).accepted).toMatchObject({
      title: 'Reading lamp',
      price: 3450,
      compare_at_price: 4000,
      category: 'decor',
      stock: 5,
      status: 'draft',
    });
  });

  it('leaves a price typed as words or fields left blank for the API to refuse by name, beside each field', () => {
    const reading = apiReading(
      CreateProductBody,
      createProductBody(
        { ...EMPTY_PRODUCT_FORM, title: 'Lamp', price: 'twelve', category: 'decor' },
        'active',
      ),
    );
    expect(reading.fieldErrors).toEqual({
      price: 'must be a number',
      stock: expect.any(String),
    });
  });

  it('sends no compare-at price for a new product left without one (not on sale)', () => {
    const reading = apiReading(
      CreateProductBody,
      createProductBody({ ...lamp, compareAtPrice: ' ' }, 'active'),
    );
    expect(reading.accepted).not.toHaveProperty('compare_at_price');
  });

  it('ends a sale when the compare-at price of a product is emptied, and keeps it when it is changed', () => {
    expect(
      apiReading(UpdateProductBody, updateProductBody({ ...lamp, compareAtPrice: '' })).accepted,
    ).toMatchObject({
      compare_at_price: null,
    });
    expect(
      apiReading(UpdateProductBody, updateProductBody({ ...lamp, compareAtPrice: '45.5' })).accepted,
    ).toMatchObject({
      compare_at_price: 4550,
    });
  });
});

describe('units a seller has left to ship', () => {
  const line = (product_id: string, quantity: number) => ({ product_id, quantity });
  const shipment = (items: Array<{ product_id: string; quantity: number }>) => ({ items });

  it('counts every unit of every line until something ships', () => {
    expect(unitsToShip({ lines: [line('prod_a', 3), line('prod_b', 1)], shipments: [] })).toBe(4);
  });

  it('takes away what each shipment carried, product by product', () => {
    const order = {
      lines: [line('prod_a', 3), line('prod_b', 1)],
      shipments: [shipment([line('prod_a', 2)]), shipment([line('prod_a', 1)])],
    };
    expect(unitsToShip(order)).toBe(1);
    expect(unitsToShip({ ...order, shipments: [...order.shipments, shipment([line('prod_b', 1)])] })).toBe(0);
  });
});
