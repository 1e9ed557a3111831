import { randomBytes } from 'node:crypto';
import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { AcceptedPost } from './post-policy';
import { s3Errors } from './s3-error';

/** What S3 stores from a POST form besides the key and the file. */
const STORED_FIELDS = ['content-type', 'cache-control', 'content-disposition', 'content-encoding', 'expires'];

export interface UploadForm {
  /** The form fields before the file, in order. */
  fields: Array<[string, string]>;
  file: { content: Blob; filename?: string };
}

/**
 * The fields and the file of a browser-based POST upload body; throws the S3Error S3 answers
 * when the body is not a multipart form with a file.
 */
export async function parseUploadForm(body: Buffer, contentType: string): Promise<UploadForm> {
  if (!/^multipart\/form-data\s*;/i.test(contentType)) throw s3Errors.notMultipart();

  let form: FormData;
  try {
    form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
  } catch {
    throw s3Errors.malformedPost();
  }
  // Fields after the file are ignored, as S3 does.
  const fields: Array<[string, string]> = [];
  let file: { content: Blob; filename?: string } | undefined;
  for (const [name, value] of form.entries()) {
    if (name.toLowerCase() === 'file') {
      file =
        typeof value === 'string'
          ? { content: new Blob([value]) }
          : { content: value, filename: (value as File).name || undefined };
      break;
    }
    if (typeof value === 'string') fields.push([name, value]);
  }
  if (!file) {
    throw s3Errors.invalidArgument('POST requires exactly one file upload per request.', 'file', '0');
  }
  return { fields, file };
}

/** The form s3rver stores: the accepted key, the fields S3 keeps, and the file. */
export function storedForm(accepted: AcceptedPost, file: UploadForm['file']): FormData {
  const upload = new FormData();
  upload.append('key', accepted.key);
  for (const [name, value] of accepted.fields) {
    if (STORED_FIELDS.includes(name) || name.startsWith('x-amz-meta-')) upload.append(name, value);
  }
  upload.append('file', file.content, file.filename ?? 'file');
  return upload;
}

export interface StoredUpload {
  bucket: string;
  key: string;
  etag: string;
  /** The object's public URL. */
  location: string;
  /** The accepted form fields: the success_action_* and redirect fields choose the answer. */
  fields: AcceptedPost['fields'];
  cors: OutgoingHttpHeaders;
}

/** Answers a stored upload as S3 does: a redirect, a PostResponse document, or an empty 200/204. */
export function answerStoredUpload(response: ServerResponse, upload: StoredUpload): void {
  const { bucket, etag, location, cors } = upload;
  const headers = { etag, location, 'x-amz-request-id': requestId(), ...cors };
  const redirect = upload.fields.get('success_action_redirect') ?? upload.fields.get('redirect');
  if (redirect) {
    const target = new URL(redirect);
    target.searchParams.set('bucket', bucket);
    target.searchParams.set('key', upload.key);
    target.searchParams.set('etag', etag);
    response.writeHead(303, { ...headers, location: target.toString() });
    response.end();
    return;
  }
  const status = upload.fields.get('success_action_status');
  if (status === '201') {
    response.writeHead(201, { ...headers, 'content-type': 'application/xml' });
    response.end(
      `<?xml version="1.0" encoding="UTF-8"?>\n<PostResponse><Location>${xml(location)}</Location>` +
        `<Bucket>${xml(bucket)}</Bucket><Key>${xml(upload.key)}</Key><ETag>${xml(etag)}</ETag></PostResponse>`,
    );
    return;
  }
  response.writeHead(status === '200' ? 200 : 204, headers);
  response.end();
}

export function requestId(): string {
  return randomBytes(8).toString('hex').toUpperCase();
}

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
