import { ConflictError } from '../../shared/errors';

/** Two writers changed the same product at once; the caller re-reads and tries again. */
export class ProductVersionConflictError extends ConflictError {
  override readonly name = 'ProductVersionConflictError';
  constructor() {
    super('CONCURRENT_UPDATE', 'The product changed while you were updating it; please retry');
  }
}
