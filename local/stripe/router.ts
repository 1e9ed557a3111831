import type { ApiResult, RequestContext, StripeEngine } from './engine';
import { unrecognizedUrl } from './errors';
import type { FormObject } from './form';

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
        return { operation: 'payment_intents.search', run: (params) => engine.searchPaymentIntents(params) };
      }
      if (method === 'POST' && id === undefined) {
        return {
          operation: 'payment_intents.create',
          run: (params, context) => engine.createPaymentIntent(params, context),
        };
      }
      if (method === 'POST' && id && action === 'confirm') {
        return {
          operation: 'payment_intents.confirm',
          run: (params, context) => engine.confirmPaymentIntent(id, params, context),
        };
      }
      if (method === 'POST' && id && action === 'cancel') {
        return {
          operation: 'payment_intents.cancel',
          run: (params) => engine.cancelPaymentIntent(id, params),
        };
      }
      if (method === 'GET' && id && action === undefined) {
        return {
          operation: 'payment_intents.retrieve',
          run: (params) => engine.retrievePaymentIntent(id, params),
        };
      }
    }
    if (rest.length === 0 && resource === 'refunds' && method === 'POST' && id === undefined) {
      return { operation: 'refunds.create', run: (params, context) => engine.createRefund(params, context) };
    }
    if (rest.length === 0 && resource === 'refunds' && method === 'GET' && id === undefined) {
      return { operation: 'refunds.list', run: (params) => engine.listRefunds(params) };
    }
    if (rest.length === 0 && resource === 'payment_methods' && method === 'GET' && id && !action) {
      return {
        operation: 'payment_methods.retrieve',
        run: (params) => engine.retrievePaymentMethod(id, params),
      };
    }
  }
  throw unrecognizedUrl(method, path);
}
