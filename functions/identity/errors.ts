import { ConflictError, UnauthorizedError } from '../../shared/errors';

export class EmailTakenError extends ConflictError {
  override readonly name = 'EmailTakenError';
  constructor() {
    super('EMAIL_TAKEN', 'An account with this e-mail already exists');
  }
}

export class InvalidCredentialsError extends UnauthorizedError {
  override readonly name = 'InvalidCredentialsError';
  constructor() {
    super('E-mail or password is incorrect', 'INVALID_CREDENTIALS');
  }
}

export class AlreadySellerError extends ConflictError {
  override readonly name = 'AlreadySellerError';
  constructor() {
    super('ALREADY_SELLER', 'This account is already registered as a seller');
  }
}

export class StoreNameTakenError extends ConflictError {
  override readonly name = 'StoreNameTakenError';
  constructor() {
    super('STORE_NAME_TAKEN', 'Another seller already uses this store name');
  }
}

export class AddressLimitError extends ConflictError {
  override readonly name = 'AddressLimitError';
  constructor(limit: number) {
    super('ADDRESS_LIMIT', `An account can keep at most ${limit} addresses`);
  }
}
