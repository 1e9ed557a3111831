import { z } from 'zod';
import { CreateProductBody } from '../../../functions/catalog/schemas';
import { AddressBody, SignupBody } from '../../../functions/identity/schemas';
import { ValidationError } from '../../../shared/errors';
import { parsePart } from '../../../shared/http/validation';
import { moneyInput, text } from '../../../shared/schemas/common';

function fieldsOf(schema: z.ZodType, value: unknown): string[] {
  try {
    parsePart(schema, value, 'body');
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return ((error as ValidationError).details as { fields: Array<{ field: string }> }).fields.map(
      (f) => f.field,
    );
  }
  throw new Error('expected a validation error');
}

const product = { title: 'Wireless Headphones', price: 49.99, category: 'electronics', stock: 500 };

describe('request validation', () => {
  it('accepts the spec’s create-product body and converts price to cents', () => {
    const body = parsePart(CreateProductBody, { ...product, images: ['img_1', 'img_2'] }, 'body');
    expect(body.price).toBe(4999);
    expect(body.status).toBe('active');
  });

  it.each([
    [{ ...product, price: 49.999 }, 'price'],
    [{ ...product, price: -1 }, 'price'],
    [{ ...product, price: '49.99' }, 'price'],
    [{ ...product, price: 0 }, 'price'],
    [{ ...product, category: 'spaceships' }, 'category'],
    [{ ...product, stock: 1.5 }, 'stock'],
    [{ ...product, title: 'x'.repeat(301) }, 'title'],
    [{ ...product, title: '' }, 'title'],
    [{ ...product, compare_at_price: 10 }, 'compare_at_price'],
    [{ ...product, images: ['http://insecure.example/a.jpg'] }, 'images.0'],
    [{ ...product, colour: 'red' }, 'colour'],
    [{ title: 'No price', category: 'books', stock: 1 }, 'price'],
  ])('names the bad field in %j', (body, field) => {
    expect(fieldsOf(CreateProductBody, body)).toContain(field);
  });

  it('refuses a non-finite price (JSON cannot carry one, but code can)', () => {
    expect(fieldsOf(moneyInput(), Number.POSITIVE_INFINITY)).toEqual(['body']);
  });

  it('rejects control characters in single-line text', () => {
    expect(fieldsOf(z.object({ name: text(10) }), { name: 'a\u0000b' })).toEqual(['name']);
  });

  it('normalises e-mail case and checks addresses against ISO country codes', () => {
    expect(
      parsePart(SignupBody, { email: ' Ann@Example.COM ', password: 'long enough', name: 'Ann' }, 'body')
        .email,
    ).toBe('ann@example.com');
    const address = { name: 'Home', line1: '1 Main St', city: 'Springfield', postal_code: '12345' };
    expect(parsePart(AddressBody, { ...address, country: 'de' }, 'body').country).toBe('DE');
    expect(fieldsOf(AddressBody, { ...address, country: 'XX' })).toEqual(['country']);
  });
});
