import { ConflictError } from '../../shared/errors';

export class AlreadyReviewedError extends ConflictError {
  override readonly name = 'AlreadyReviewedError';
  constructor() {
    super('ALREADY_REVIEWED', 'You have already reviewed this product; edit your review instead');
  }
}

export class AlreadyVotedError extends ConflictError {
  override readonly name = 'AlreadyVotedError';
  constructor() {
    super('ALREADY_VOTED', 'You have already marked this review helpful');
  }
}
