import { createHmac, timingSafeEqual } from 'node:crypto';
import { type S3Error, s3Errors } from './s3-error';

/**
 * S3's checks on a browser-based POST upload (Signature Version 4), as S3 itself applies them
 * before it stores anything: the policy's signature, its expiration, every condition, and that
 * no form field went unmentioned by the policy. s3rver ignores the policy altogether, so the
 * local S3 front runs this first.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-HTTPPOSTConstructPolicy.html
 */
export interface PostUpload {
  /** The bucket named by the request's URL. */
  bucket: string;
  /** The form fields that came before the file, in order, with their names as sent. */
  fields: Array<[name: string, value: string]>;
  file: { size: number; filename?: string };
}

export interface PolicyCheckOptions {
  /** The secret of an access key id, or undefined when the key is unknown. */
  secretFor(accessKeyId: string): string | undefined;
  now: Date;
}

export interface AcceptedPost {
  key: string;
  /** Every field, keyed by its lower-cased name (field names are case-insensitive). */
  fields: Map<string, string>;
}

export const SIGV4_ALGORITHM = 'AWS4-HMAC-SHA256';
/** `${filename}` in the key stands for the uploaded file's name. */
export const FILENAME_VARIABLE = '$' + '{filename}';

/** Fields a policy need not mention. */
const EXEMPT_FIELDS = new Set(['x-amz-signature', 'file', 'policy']);

/** Checks an upload against its policy; throws the S3Error S3 would answer with. */
export function checkPostPolicy(upload: PostUpload, options: PolicyCheckOptions): AcceptedPost {
  const fields = new Map<string, string>();
  for (const [name, value] of upload.fields) {
    const lower = name.toLowerCase();
    if (fields.has(lower)) {
      throw s3Errors.invalidArgument(`The field ${name} was given more than once`, name, value);
    }
    fields.set(lower, value);
  }

  const rawKey = fields.get('key');
  if (rawKey === undefined) {
    throw s3Errors.invalidArgument(
      "Bucket POST must contain a field named 'key'.  If it is specified, please check the order of the fields.",
      'key',
    );
  }
  // Variables are expanded before the policy is checked, so conditions see the final key.
  const key = rawKey.replaceAll(FILENAME_VARIABLE, upload.file.filename ?? '');
  if (key.length === 0) throw s3Errors.invalidArgument('User key must have a length greater than 0.', 'key');
  fields.set('key', key);

  const encodedPolicy = fields.get('policy');
  if (encodedPolicy === undefined) {
    // No policy means an anonymous upload, which a private bucket refuses.
    if (!fields.has('x-amz-signature')) throw s3Errors.accessDenied();
    throw requiredField('policy');
  }
  verifySignature(encodedPolicy, fields, options);
  const policy = parsePolicy(encodedPolicy);
  if (policy.expiration.getTime() <= options.now.getTime()) throw s3Errors.policyFailed('Policy expired.');

  const covered = new Set<string>();
  for (const condition of policy.conditions) {
    checkCondition(condition, { fields, bucket: upload.bucket, size: upload.file.size, covered });
  }
  for (const name of fields.keys()) {
    if (EXEMPT_FIELDS.has(name) || name.startsWith('x-ignore-') || covered.has(name)) continue;
    throw s3Errors.policyFailed(`Extra input fields: ${name}`);
  }
  return { key, fields };
}

function verifySignature(
  encodedPolicy: string,
  fields: Map<string, string>,
  options: PolicyCheckOptions,
): void {
  const algorithm = fields.get('x-amz-algorithm');
  if (algorithm === undefined) {
    if (fields.has('awsaccesskeyid')) {
      throw s3Errors.invalidArgument(
        'Only AWS Signature Version 4 (x-amz-algorithm AWS4-HMAC-SHA256) uploads are supported here',
        'AWSAccessKeyId',
        fields.get('awsaccesskeyid'),
      );
    }
    throw requiredField('x-amz-algorithm');
  }
  if (algorithm !== SIGV4_ALGORITHM) {
    throw s3Errors.invalidArgument(
      `Unsupported x-amz-algorithm; must be ${SIGV4_ALGORITHM}`,
      'x-amz-algorithm',
      algorithm,
    );
  }
  const credential = fields.get('x-amz-credential');
  if (credential === undefined) throw requiredField('x-amz-credential');
  const scope = /^([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request$/.exec(credential);
  if (!scope) {
    throw s3Errors.invalidArgument(
      'Error parsing the X-Amz-Credential parameter; the credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".',
      'x-amz-credential',
      credential,
    );
  }
  const [, accessKeyId, shortDate, region] = scope as unknown as [string, string, string, string];
  const amzDate = fields.get('x-amz-date');
  if (amzDate === undefined) throw requiredField('x-amz-date');
  if (!/^\d{8}T\d{6}Z$/.test(amzDate) || amzDate.slice(0, 8) !== shortDate) {
    throw s3Errors.invalidArgument(
      'X-Amz-Date must be YYYYMMDDTHHMMSSZ on the day of the credential scope',
      'x-amz-date',
      amzDate,
    );
  }
  const signature = fields.get('x-amz-signature');
  if (signature === undefined) throw requiredField('x-amz-signature');

  const secret = options.secretFor(accessKeyId);
  if (secret === undefined) throw s3Errors.invalidAccessKeyId(accessKeyId);
  const expected = policySignature(encodedPolicy, { secret, shortDate, region });
  const given = Buffer.from(signature.toLowerCase(), 'utf8');
  if (given.length !== expected.length || !timingSafeEqual(given, Buffer.from(expected, 'utf8'))) {
    throw s3Errors.signatureDoesNotMatch();
  }
}

/** SigV4 for a POST policy: the base64 policy, HMAC'd with the day's signing key for S3. */
export function policySignature(
  encodedPolicy: string,
  scope: { secret: string; shortDate: string; region: string },
): string {
  const hmac = (key: string | Buffer, data: string) =>
    createHmac('sha256', key).update(data, 'utf8').digest();
  const dateKey = hmac(`AWS4${scope.secret}`, scope.shortDate);
  const signingKey = hmac(hmac(hmac(dateKey, scope.region), 's3'), 'aws4_request');
  return createHmac('sha256', signingKey).update(encodedPolicy, 'utf8').digest('hex');
}

interface Policy {
  expiration: Date;
  conditions: unknown[];
}

function parsePolicy(encoded: string): Policy {
  let document: unknown;
  try {
    document = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8'));
  } catch {
    throw s3Errors.invalidPolicy('Invalid JSON.');
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    throw s3Errors.invalidPolicy('Invalid JSON.');
  }
  const { expiration, conditions } = document as Record<string, unknown>;
  if (expiration === undefined) throw s3Errors.invalidPolicy('Policy missing expiration.');
  const expiresAt = typeof expiration === 'string' ? new Date(expiration) : undefined;
  if (!expiresAt || Number.isNaN(expiresAt.getTime())) {
    throw s3Errors.invalidPolicy("Invalid 'expiration' value: must be an ISO 8601 date-time.");
  }
  if (conditions === undefined) throw s3Errors.invalidPolicy('Policy missing conditions.');
  if (!Array.isArray(conditions)) throw s3Errors.invalidPolicy("Invalid 'conditions' value: must be a list.");
  return { expiration: expiresAt, conditions };
}

interface ConditionContext {
  fields: Map<string, string>;
  bucket: string;
  size: number;
  covered: Set<string>;
}

function checkCondition(condition: unknown, context: ConditionContext): void {
  if (isPlainObject(condition)) {
    // `{"field": "value"}` is shorthand for an exact match.
    const entries = Object.entries(condition);
    if (entries.length === 0) throw invalidCondition(condition);
    for (const [name, value] of entries) {
      if (typeof value !== 'string') throw invalidCondition(condition);
      checkMatch('eq', name, value, context, condition);
    }
    return;
  }
  if (!Array.isArray(condition) || condition.length !== 3) throw invalidCondition(condition);
  const [operator, first, second] = condition as [unknown, unknown, unknown];
  if (typeof operator !== 'string') throw invalidCondition(condition);
  const op = operator.toLowerCase();
  if (op === 'content-length-range') {
    const min = asSize(first);
    const max = asSize(second);
    if (min === undefined || max === undefined || min > max) throw invalidCondition(condition);
    if (context.size > max) throw s3Errors.entityTooLarge(context.size, max);
    if (context.size < min) throw s3Errors.entityTooSmall(context.size, min);
    return;
  }
  if ((op !== 'eq' && op !== 'starts-with') || typeof first !== 'string' || typeof second !== 'string') {
    throw invalidCondition(condition);
  }
  if (!first.startsWith('$')) throw invalidCondition(condition);
  checkMatch(op, first.slice(1), second, context, condition);
}

function checkMatch(
  op: 'eq' | 'starts-with',
  field: string,
  expected: string,
  context: ConditionContext,
  condition: unknown,
): void {
  const name = field.toLowerCase();
  context.covered.add(name);
  // The bucket condition is held against the bucket the request addresses.
  const actual = name === 'bucket' ? context.bucket : context.fields.get(name);
  if (name === 'bucket' && context.fields.has('bucket') && context.fields.get('bucket') !== context.bucket) {
    throw conditionFailed(condition);
  }
  const matches =
    actual !== undefined &&
    (op === 'eq'
      ? actual === expected
      : name === 'content-type'
        ? // Content-Type may list several types; each must start with the prefix.
          actual.split(',').every((part) => part.trim().startsWith(expected))
        : actual.startsWith(expected));
  if (!matches) throw conditionFailed(condition);
}

function asSize(value: unknown): number | undefined {
  const number = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return typeof number === 'number' && Number.isSafeInteger(number) && number >= 0 ? number : undefined;
}

function conditionFailed(condition: unknown): S3Error {
  return s3Errors.policyFailed(`Policy Condition failed: ${describe(condition)}`);
}

function invalidCondition(condition: unknown): S3Error {
  return s3Errors.invalidPolicy(`Invalid Policy condition: ${describe(condition)}`);
}

function requiredField(name: string): S3Error {
  return s3Errors.invalidArgument(`Bucket POST must contain a field named '${name}'.`, name);
}

/** S3 quotes the failed condition the way the policy wrote it. */
function describe(condition: unknown): string {
  if (isPlainObject(condition)) {
    const [name, value] = Object.entries(condition)[0] ?? ['', ''];
    return `["eq", "$${name}", ${JSON.stringify(value)}]`;
  }
  return Array.isArray(condition)
    ? `[${condition.map((part) => JSON.stringify(part)).join(', ')}]`
    : String(condition);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
