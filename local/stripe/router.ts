import type { StripeEngine } from './engine';
import { unrecognizedUrl } from './errors';
import type { FormObject } from './form';
import type { ApiResult, RequestContext } from './operation';
import { retrievePaymentMethod } from './payment-methods';

export interface Route {
  /** Stripe's name for the operation, as fault targets name it. */
  operation: string;
  run(params: FormObject, context: RequestContext): Promise<ApiResult> | ApiResult;
}

/** Maps a request line to the engine operation that serves it, or throws Stripe's 404. */
export function routeRequest(engine: StripeEngine, method: string, path: string): Route {
  let segments: string[];
  try {
    segments = path.split('/').slice(1).map(decodeURIComponent);
  } catch {
    throw unrecognizedUrl(method, path);
  }
  if (segments[0] === 'v1') {
    const [, resource, id, action, ...rest] = segments;
    if (rest.length === 0 && resource === 'payment_intents') {
      if (method === 'GET' && id === 'search' && action === undefined) {
        return { operation: 'payment_intents.search', run: (params) => engine.paymentIntents.search(params) };
      }
      if (method === 'POST' && id === undefined) {
        return {
          operation: 'payment_intents.create',
          run: (params, context) => engine.paymentIntents.create(params, context),
        };
      }
      if (method === 'POST' && id && action === 'confirm') {
        return {
          operation: 'payment_intents.confirm',
          run: (params, context) => engine.paymentIntents.confirm(id, params, context),
        };
      }
      if (method === 'POST' && id && action === 'cancel') {
        return {
          operation: 'payment_intents.cancel',
          run: (params) => engine.paymentIntents.cancel(id, params),
        };
      }
      if (method === 'GET' && id && action === undefined) {
        return {
          operation: 'payment_intents.retrieve',
          run: (params) => engine.paymentIntents.retrieve(id, params),
        };
      }
    }
    if (rest.length === 0 && resource === 'refunds' && method === 'POST' && id === undefined) {
      return {
        operation: 'refunds.create',
        run: (params, context) => engine.refunds.create(params, context),
      };
    }
    if (rest.length === 0 && resource === 'refunds' && method === 'GET' && id === undefined) {
      return { operation: 'refunds.list', run: (params) => engine.refunds.list(params) };
    }
    if (rest.length === 0 && resource === 'payment_methods' && method === 'GET' && id && !action) {
      return {
        operation: 'payment_methods.retrieve',
        run: (params) => retrievePaymentMethod(id, params),
      };
    }
  }
  throw unrecognizedUrl(method, path);
}
