/**
 * An error as S3 answers it: an HTTP status and an XML body
 * `<Error><Code>…</Code><Message>…</Message>…<RequestId>…</RequestId></Error>`, where the
 * extra elements (ProposedSize, MaxSizeAllowed, ArgumentName, …) depend on the code.
 */
export class S3Error extends Error {
  override readonly name = 'S3Error';

  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly extra: Record<string, string | number> = {},
  ) {
    super(message);
  }

  toXml(requestId: string): string {
    const elements = [
      `<Code>${escapeXml(this.code)}</Code>`,
      `<Message>${escapeXml(this.message)}</Message>`,
      ...Object.entries(this.extra).map(([name, value]) => `<${name}>${escapeXml(String(value))}</${name}>`),
      `<RequestId>${escapeXml(requestId)}</RequestId>`,
    ];
    return `<?xml version="1.0" encoding="UTF-8"?>\n<Error>${elements.join('')}</Error>`;
  }
}

/** S3's own wording for the errors a browser-based POST upload can meet. */
export const s3Errors = {
  accessDenied: (message = 'Access Denied') => new S3Error('AccessDenied', message, 403),
  policyFailed: (reason: string) =>
    new S3Error('AccessDenied', `Invalid according to Policy: ${reason}`, 403),
  signatureDoesNotMatch: () =>
    new S3Error(
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
      403,
    ),
  invalidAccessKeyId: (accessKeyId: string) =>
    new S3Error(
      'InvalidAccessKeyId',
      'The AWS Access Key Id you provided does not exist in our records.',
      403,
      { AWSAccessKeyId: accessKeyId },
    ),
  invalidArgument: (message: string, argumentName: string, argumentValue = '') =>
    new S3Error('InvalidArgument', message, 400, {
      ArgumentName: argumentName,
      ArgumentValue: argumentValue,
    }),
  invalidPolicy: (reason: string) => new S3Error('InvalidPolicyDocument', `Invalid Policy: ${reason}`, 400),
  entityTooLarge: (proposedSize: number | undefined, maxSizeAllowed: number) =>
    new S3Error(
      'EntityTooLarge',
      'Your proposed upload exceeds the maximum allowed size',
      400,
      proposedSize === undefined
        ? { MaxSizeAllowed: maxSizeAllowed }
        : { ProposedSize: proposedSize, MaxSizeAllowed: maxSizeAllowed },
    ),
  entityTooSmall: (proposedSize: number, minSizeAllowed: number) =>
    new S3Error('EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed size', 400, {
      ProposedSize: proposedSize,
      MinSizeAllowed: minSizeAllowed,
    }),
  notMultipart: () =>
    new S3Error('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', 412, {
      Condition: 'Bucket POST must be of the enclosure-type multipart/form-data',
    }),
  malformedPost: () =>
    new S3Error(
      'MalformedPOSTRequest',
      'The body of your POST request is not well-formed multipart/form-data.',
      400,
    ),
  noSuchBucket: (bucket: string) =>
    new S3Error('NoSuchBucket', 'The specified bucket does not exist', 404, { BucketName: bucket }),
};

function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
