import { S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import {
  checkPostPolicy,
  FILENAME_VARIABLE,
  type PostUpload,
  policySignature,
} from '../../../local/s3/post-policy';
import { S3Error } from '../../../local/s3/s3-error';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local-secret' };
const now = new Date('2026-03-01T12:00:00Z');
const options = {
  secretFor: (id: string) => (id === credentials.accessKeyId ? credentials.secretAccessKey : undefined),
  now,
};

/** A form signed the way the SDK signs one, from a policy written here. */
function signedForm(
  conditions: unknown[],
  fields: Record<string, string>,
  settings: { expiration?: string; secret?: string; accessKeyId?: string } = {},
): Record<string, string> {
  const policy = Buffer.from(
    JSON.stringify({ expiration: settings.expiration ?? '2026-03-01T12:15:00Z', conditions }),
  ).toString('base64');
  return {
    ...fields,
    'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
    'X-Amz-Credential': `${settings.accessKeyId ?? credentials.accessKeyId}/20260301/us-east-1/s3/aws4_request`,
    'X-Amz-Date': '20260301T120000Z',
    Policy: policy,
    'X-Amz-Signature': policySignature(policy, {
      secret: settings.secret ?? credentials.secretAccessKey,
      shortDate: '20260301',
      region: 'us-east-1',
    }),
  };
}

const signingConditions = [
  { 'X-Amz-Algorithm': 'AWS4-HMAC-SHA256' },
  { 'X-Amz-Credential': 'local/20260301/us-east-1/s3/aws4_request' },
  { 'X-Amz-Date': '20260301T120000Z' },
];

const imageConditions = [
  ...signingConditions,
  { bucket: 'images' },
  { key: 'products/prod_1/img_1' },
  ['eq', '$Content-Type', 'image/png'],
  ['content-length-range', 1000, 1000],
];
const imageFields = { key: 'products/prod_1/img_1', 'Content-Type': 'image/png' };

function upload(
  fields: Record<string, string>,
  size = 1000,
  bucket = 'images',
  filename?: string,
): PostUpload {
  return { bucket, fields: Object.entries(fields), file: { size, filename } };
}

function refusal(run: () => unknown): S3Error {
  try {
    run();
  } catch (error) {
    if (error instanceof S3Error) return error;
    throw error;
  }
  throw new Error('expected the upload to be refused');
}

describe('POST policy checks (what S3 holds a browser upload to)', () => {
  it('accepts an upload that meets every condition, with its fields by lower-cased name', () => {
    const accepted = checkPostPolicy(upload(signedForm(imageConditions, imageFields)), options);
    expect(accepted.key).toBe('products/prod_1/img_1');
    expect(accepted.fields.get('content-type')).toBe('image/png');
  });

  it('accepts what the SDK’s createPresignedPost produces, signed with the same credentials', async () => {
    const client = new S3Client({ region: 'eu-west-1', credentials, forcePathStyle: true });
    const { fields } = await createPresignedPost(client, {
      Bucket: 'images',
      Key: 'products/prod_1/img_1',
      Conditions: [['content-length-range', 10, 10]],
      Fields: { 'Content-Type': 'image/webp', 'x-amz-meta-origin': 'seller' },
      Expires: 60,
    });
    const accepted = checkPostPolicy(upload(fields, 10), { ...options, now: new Date() });
    expect(accepted.fields.get('x-amz-meta-origin')).toBe('seller');
  });

  it('refuses an expired policy', () => {
    const form = signedForm(imageConditions, imageFields, { expiration: '2026-03-01T11:59:59Z' });
    const error = refusal(() => checkPostPolicy(upload(form), options));
    expect(error).toMatchObject({ code: 'AccessDenied', status: 403 });
    expect(error.message).toBe('Invalid according to Policy: Policy expired.');
  });

  it('refuses a policy signed with another secret, or a policy changed after signing', () => {
    const wrongSecret = signedForm(imageConditions, imageFields, { secret: 'guessed' });
    expect(refusal(() => checkPostPolicy(upload(wrongSecret), options))).toMatchObject({
      code: 'SignatureDoesNotMatch',
      status: 403,
    });
    const signed = signedForm(imageConditions, imageFields);
    const widened = Buffer.from(
      Buffer.from(signed.Policy!, 'base64').toString().replace('1000,1000', '1,100000000'),
    ).toString('base64');
    expect(
      refusal(() => checkPostPolicy(upload({ ...signed, Policy: widened }, 5000), options)),
    ).toMatchObject({
      code: 'SignatureDoesNotMatch',
    });
  });

  it('refuses an unknown access key id', () => {
    const form = signedForm(imageConditions, imageFields, { accessKeyId: 'AKIAUNKNOWN' });
    expect(refusal(() => checkPostPolicy(upload(form), options))).toMatchObject({
      code: 'InvalidAccessKeyId',
      status: 403,
      extra: { AWSAccessKeyId: 'AKIAUNKNOWN' },
    });
  });

  it('refuses an anonymous upload (no policy) to the private bucket', () => {
    expect(refusal(() => checkPostPolicy(upload(imageFields), options))).toMatchObject({
      code: 'AccessDenied',
      message: 'Access Denied',
    });
  });

  it('refuses a file larger than the content-length-range, with the sizes', () => {
    const form = signedForm(imageConditions, imageFields);
    expect(refusal(() => checkPostPolicy(upload(form, 2000), options))).toMatchObject({
      code: 'EntityTooLarge',
      status: 400,
      extra: { ProposedSize: 2000, MaxSizeAllowed: 1000 },
    });
  });

  it('refuses a file smaller than the content-length-range, with the sizes', () => {
    const form = signedForm(imageConditions, imageFields);
    expect(refusal(() => checkPostPolicy(upload(form, 999), options))).toMatchObject({
      code: 'EntityTooSmall',
      status: 400,
      extra: { ProposedSize: 999, MinSizeAllowed: 1000 },
    });
  });

  it('holds the Content-Type to an exact match', () => {
    const form = signedForm(imageConditions, { ...imageFields, 'Content-Type': 'text/html' });
    const error = refusal(() => checkPostPolicy(upload(form), options));
    expect(error).toMatchObject({ code: 'AccessDenied', status: 403 });
    expect(error.message).toBe(
      'Invalid according to Policy: Policy Condition failed: ["eq", "$Content-Type", "image/png"]',
    );
  });

  it('holds the key to an exact match, and to a starts-with prefix', () => {
    const exact = signedForm(imageConditions, { ...imageFields, key: 'products/prod_2/img_1' });
    expect(refusal(() => checkPostPolicy(upload(exact), options)).message).toContain('["eq", "$key"');

    const prefixed = [...signingConditions, { bucket: 'images' }, ['starts-with', '$key', 'uploads/']];
    expect(checkPostPolicy(upload(signedForm(prefixed, { key: 'uploads/a.png' })), options).key).toBe(
      'uploads/a.png',
    );
    expect(
      refusal(() => checkPostPolicy(upload(signedForm(prefixed, { key: 'products/a.png' })), options))
        .message,
    ).toContain('["starts-with", "$key", "uploads/"]');
  });

  it('expands the filename variable in the key before checking it', () => {
    const conditions = [...signingConditions, { bucket: 'images' }, ['starts-with', '$key', 'uploads/']];
    const form = signedForm(conditions, { key: `uploads/${FILENAME_VARIABLE}` });
    expect(checkPostPolicy(upload(form, 10, 'images', 'cat.png'), options).key).toBe('uploads/cat.png');
  });

  it('holds every listed Content-Type to a starts-with prefix', () => {
    const conditions = [
      ...signingConditions,
      { bucket: 'images' },
      { key: 'a' },
      ['starts-with', '$Content-Type', 'image/'],
    ];
    expect(() =>
      checkPostPolicy(
        upload(signedForm(conditions, { key: 'a', 'Content-Type': 'image/png, image/webp' })),
        options,
      ),
    ).not.toThrow();
    expect(
      refusal(() =>
        checkPostPolicy(
          upload(signedForm(conditions, { key: 'a', 'Content-Type': 'image/png, text/html' })),
          options,
        ),
      ).code,
    ).toBe('AccessDenied');
  });

  it('holds the bucket condition to the bucket the request addresses', () => {
    const form = signedForm(imageConditions, imageFields);
    expect(refusal(() => checkPostPolicy(upload(form, 1000, 'other-bucket'), options)).message).toContain(
      '["eq", "$bucket", "images"]',
    );
  });

  it('holds x-amz-meta-* fields to their conditions, and refuses fields the policy does not mention', () => {
    const conditions = [...imageConditions, { 'x-amz-meta-seller': 'usr_1' }];
    const form = signedForm(conditions, { ...imageFields, 'x-amz-meta-seller': 'usr_1' });
    expect(checkPostPolicy(upload(form), options).fields.get('x-amz-meta-seller')).toBe('usr_1');

    const changed = signedForm(conditions, { ...imageFields, 'x-amz-meta-seller': 'usr_2' });
    expect(refusal(() => checkPostPolicy(upload(changed), options)).code).toBe('AccessDenied');

    const extra = signedForm(imageConditions, { ...imageFields, 'x-amz-meta-note': 'hi' });
    expect(refusal(() => checkPostPolicy(upload(extra), options)).message).toBe(
      'Invalid according to Policy: Extra input fields: x-amz-meta-note',
    );
  });

  it('lets x-ignore-* fields through without a condition', () => {
    const form = signedForm(imageConditions, { ...imageFields, 'x-ignore-tracking': '1' });
    expect(() => checkPostPolicy(upload(form), options)).not.toThrow();
  });

  it('requires the key field, and refuses a field given twice', () => {
    const { key: _key, ...withoutKey } = signedForm(imageConditions, imageFields);
    expect(refusal(() => checkPostPolicy(upload(withoutKey), options))).toMatchObject({
      code: 'InvalidArgument',
      extra: { ArgumentName: 'key' },
    });
    const form = signedForm(imageConditions, imageFields);
    const twice: PostUpload = {
      bucket: 'images',
      fields: [...Object.entries(form), ['content-type', 'text/html']],
      file: { size: 1000 },
    };
    expect(refusal(() => checkPostPolicy(twice, options)).code).toBe('InvalidArgument');
  });

  it('refuses a policy that is not JSON, or lacks its expiration or conditions', () => {
    const form = signedForm(imageConditions, imageFields);
    const resign = (policy: string) => ({
      ...form,
      Policy: policy,
      'X-Amz-Signature': policySignature(policy, {
        secret: credentials.secretAccessKey,
        shortDate: '20260301',
        region: 'us-east-1',
      }),
    });
    const base64 = (text: string) => Buffer.from(text).toString('base64');
    expect(refusal(() => checkPostPolicy(upload(resign(base64('{not json'))), options))).toMatchObject({
      code: 'InvalidPolicyDocument',
      status: 400,
    });
    expect(refusal(() => checkPostPolicy(upload(resign(base64('{"conditions":[]}'))), options)).message).toBe(
      'Invalid Policy: Policy missing expiration.',
    );
    expect(
      refusal(() => checkPostPolicy(upload(resign(base64('{"expiration":"2030-01-01T00:00:00Z"}'))), options))
        .message,
    ).toBe('Invalid Policy: Policy missing conditions.');
  });

  it('writes errors as S3’s XML', () => {
    const form = signedForm(imageConditions, imageFields);
    const error = refusal(() => checkPostPolicy(upload(form, 2000), options));
    expect(error.toXml('REQ1')).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>EntityTooLarge</Code>' +
        '<Message>Your proposed upload exceeds the maximum allowed size</Message>' +
        '<ProposedSize>2000</ProposedSize><MaxSizeAllowed>1000</MaxSizeAllowed><RequestId>REQ1</RequestId></Error>',
    );
  });
});
