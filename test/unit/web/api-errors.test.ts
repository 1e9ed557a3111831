import { SignupBody } from '../../../functions/identity/schemas';
import { ValidationError } from '../../../shared/errors';
import { parsePart } from '../../../shared/http/validation';
import { ApiError, apiErrorOf, messageOf } from '../../../web/src/api/errors';
import { safeNext } from '../../../web/src/next-path';

/** The body the API answers for an error (shared/http/handler.ts's errorBody). */
function answerOf(error: ValidationError) {
  return { error: { code: error.code, message: error.message, details: error.details } };
}

function validationErrorOf(body: unknown): ValidationError {
  try {
    parsePart(SignupBody, body, 'body');
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('the body was valid');
}

describe('the storefront’s reading of API errors', () => {
  it('puts each message the API gives next to the field it names, as the sign-up form shows them', () => {
    const answer = answerOf(validationErrorOf({ email: 'not-an-address', password: 'short', name: 'Ann' }));
    const error = apiErrorOf(400, answer);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(400);
    expect(error.code).toBe('VALIDATION_ERROR');
    expect(error.fieldErrors).toEqual({
      email: 'must be a valid e-mail address',
      password: 'must be at least 8 characters',
    });
    // Every message is beside a field, so the form shows no second copy above them.
    expect(error.formMessage).toBeUndefined();
  });

  it('names an unknown field by its path, so a form can tell it is not one of its own', () => {
    const answer = answerOf(
      validationErrorOf({ email: 'ann@example.com', password: 'long enough', name: 'Ann', age: 3 }),
    );
    expect(apiErrorOf(400, answer).fieldErrors).toEqual({ age: 'is not a known field' });
  });

  it('shows a whole-form message when the error names no field', () => {
    const error = apiErrorOf(401, {
      error: { code: 'INVALID_CREDENTIALS', message: 'E-mail or password is incorrect' },
    });
    expect(error.fieldErrors).toEqual({});
    expect(error.formMessage).toBe('E-mail or password is incorrect');
    expect(messageOf(error)).toBe('E-mail or password is incorrect');
  });

  it('reads the gateway’s own answers and bodies it cannot read', () => {
    expect(apiErrorOf(404, { message: 'Not Found' })).toMatchObject({
      code: 'HTTP_404',
      message: 'Not Found',
    });
    expect(apiErrorOf(502, undefined)).toMatchObject({
      code: 'HTTP_502',
      message: 'The request failed (502)',
    });
    expect(messageOf(new TypeError('Failed to fetch'))).toMatch(/cannot be reached/);
  });
});

describe('where sign-in sends the person next', () => {
  it.each([
    ['/cart', '/cart'],
    ['/orders/ord_1?tab=returns', '/orders/ord_1?tab=returns'],
    [null, '/'],
    ['', '/'],
    ['https://evil.example/', '/'],
    ['//evil.example/cart', '/'],
    ['/\\evil.example', '/'],
    ['javascript:alert(1)', '/'],
  ])('%s → %s', (next, expected) => {
    expect(safeNext(next)).toBe(expected);
  });
});
