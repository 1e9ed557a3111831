import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { Client } from '@opensearch-project/opensearch';
import { AwsSigv4Signer } from '@opensearch-project/opensearch/aws-v3';
import type { CloudFormationCustomResourceEvent, Context } from 'aws-lambda';

/**
 * The `Custom::SearchIndexAccess` resource of cdk/constructs/search.ts. It runs as the search
 * domain's master role and keeps one fine-grained access control role and its mapping: the
 * role may do anything to the indices matching `IndexPatterns` (and run bulk requests), and
 * the IAM roles in `BackendRoles` are mapped to it. Deleting the resource removes both.
 */
export interface SearchIndexAccessProperties {
  /** The domain endpoint host, as `Domain.domainEndpoint` gives it. */
  Endpoint: string;
  /** The security plugin role's name; also the resource's physical id. */
  Role: string;
  IndexPatterns: string[];
  BackendRoles: string[];
}

/** One call to the domain's REST API; resolves to the status code for any answer. */
export type DomainRequest = (
  method: 'GET' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
) => Promise<number>;

const SECURITY_API = '/_plugins/_security/api';

/** The security role: full control of the matching indices, and the cluster-level bulk and multi-get actions. */
export function securityRole(properties: SearchIndexAccessProperties) {
  return {
    cluster_permissions: ['cluster_composite_ops'],
    index_permissions: [{ index_patterns: properties.IndexPatterns, allowed_actions: ['indices_all'] }],
  };
}

/** Creates or replaces the role, then its mapping (a PUT replaces the whole mapping). */
export async function applyAccess(request: DomainRequest, properties: SearchIndexAccessProperties) {
  const role = encodeURIComponent(properties.Role);
  await expectOk(request('PUT', `${SECURITY_API}/roles/${role}`, securityRole(properties)), 'role');
  await expectOk(
    request('PUT', `${SECURITY_API}/rolesmapping/${role}`, {
      backend_roles: [...new Set(properties.BackendRoles)].sort(),
    }),
    'role mapping',
  );
}

/** Removes the mapping, then the role; either already gone is fine. */
export async function removeAccess(request: DomainRequest, roleName: string) {
  const role = encodeURIComponent(roleName);
  await expectOk(request('DELETE', `${SECURITY_API}/rolesmapping/${role}`), 'role mapping', [404]);
  await expectOk(request('DELETE', `${SECURITY_API}/roles/${role}`), 'role', [404]);
}

async function expectOk(status: Promise<number>, what: string, alsoFine: number[] = []) {
  const code = await status;
  if ((code < 200 || code >= 300) && !alsoFine.includes(code)) {
    throw new RetryableError(
      `The security API answered ${code} for the ${what}`,
      code >= 500 || code === 401 || code === 403,
    );
  }
}

class RetryableError extends Error {
  override name = 'RetryableError';
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

/**
 * Retries what a domain that has only just become active may refuse for a while (5xx, and
 * 401/403 until the master user is in place), until `deadline`.
 */
export async function withRetries<T>(
  attempt: () => Promise<T>,
  deadline: number,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<T> {
  const start = Date.now();
  let waited = 0;
  for (let delay = 2_000; ; delay = Math.min(delay * 2, 30_000)) {
    try {
      return await attempt();
    } catch (error) {
      const retryable = !(error instanceof RetryableError) || error.retryable;
      // At least the time spent waiting has passed, whatever the clock says.
      if (!retryable || Math.max(Date.now(), start + waited) + delay > deadline) throw error;
      console.warn(`Retrying in ${delay} ms: ${String(error)}`);
      await sleep(delay);
      waited += delay;
    }
  }
}

function domainRequest(endpoint: string): DomainRequest {
  const client = new Client({
    node: `https://${endpoint}`,
    ...AwsSigv4Signer({
      region: process.env.AWS_REGION!,
      service: 'es',
      getCredentials: () => defaultProvider()(),
    }),
  });
  return async (method, path, body) => {
    const response = await client.transport.request(
      { method, path, body: body as Record<string, unknown> | undefined },
      { ignore: [400, 401, 403, 404, 409, 500, 502, 503, 504] },
    );
    return response.statusCode ?? 0;
  };
}

type Status = 'SUCCESS' | 'FAILED';

/** Answers CloudFormation through the pre-signed response URL (no response means a stuck stack). */
export async function respond(
  event: CloudFormationCustomResourceEvent,
  status: Status,
  physicalResourceId: string,
  reason: string,
): Promise<void> {
  const response = await fetch(event.ResponseURL, {
    method: 'PUT',
    headers: { 'content-type': '' },
    body: JSON.stringify({
      Status: status,
      Reason: reason.slice(0, 1000),
      PhysicalResourceId: physicalResourceId,
      StackId: event.StackId,
      RequestId: event.RequestId,
      LogicalResourceId: event.LogicalResourceId,
      NoEcho: false,
      Data: {},
    }),
  });
  if (!response.ok) throw new Error(`CloudFormation's response URL answered ${response.status}`);
}

/** The pieces the handler uses, so tests can run it without a domain. */
export interface AccessDependencies {
  request: (endpoint: string) => DomainRequest;
  respond: typeof respond;
  sleep?: (ms: number) => Promise<void>;
}

export async function handleAccessEvent(
  event: CloudFormationCustomResourceEvent,
  context: Pick<Context, 'getRemainingTimeInMillis' | 'logStreamName'>,
  deps: AccessDependencies,
): Promise<void> {
  const properties = event.ResourceProperties as unknown as SearchIndexAccessProperties & {
    ServiceToken: string;
  };
  // Leave time to answer CloudFormation before Lambda stops the function.
  const deadline = Date.now() + context.getRemainingTimeInMillis() - 15_000;
  // A renamed role is a new physical id: CloudFormation then deletes the old one.
  const physicalId = event.RequestType === 'Delete' ? event.PhysicalResourceId : properties.Role;
  let status: Status = 'SUCCESS';
  let reason = `See CloudWatch log stream ${context.logStreamName}`;
  try {
    const request = deps.request(properties.Endpoint);
    if (event.RequestType === 'Delete') {
      try {
        // A minute at most: the domain is deleted after this resource, so it answers unless gone.
        const soon = Math.min(deadline, Date.now() + 60_000);
        await withRetries(() => removeAccess(request, physicalId), soon, deps.sleep);
      } catch (error) {
        // Never hold up deleting the stack: the domain may already be gone, and the role with it.
        console.warn(`Leaving the ${physicalId} role in place: ${String(error)}`);
      }
    } else {
      await withRetries(() => applyAccess(request, properties), deadline, deps.sleep);
    }
  } catch (error) {
    status = 'FAILED';
    reason = `${String(error)} (log stream ${context.logStreamName})`;
    console.error(error);
  }
  await deps.respond(event, status, physicalId, reason);
}

export const handler = (event: CloudFormationCustomResourceEvent, context: Context) =>
  handleAccessEvent(event, context, { request: domainRequest, respond });
