import { ConflictError, NotFoundError } from '../../shared/errors';

/** The product already shows as many images as it may. */
export class ImageLimitReachedError extends ConflictError {
  override readonly name = 'ImageLimitReachedError';
  constructor(limit: number) {
    super('IMAGE_LIMIT_REACHED', `A product holds at most ${limit} images; delete one first`, { limit });
  }
}

export class ImageNotFoundError extends NotFoundError {
  override readonly name = 'ImageNotFoundError';
  constructor() {
    super('Image', 'IMAGE_NOT_FOUND');
  }
}
