import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import {
  type AccessDependencies,
  applyAccess,
  type DomainRequest,
  handleAccessEvent,
  respond,
  type SearchIndexAccessProperties,
} from '../../cdk/custom-resources/search-index-access';

const properties: SearchIndexAccessProperties = {
  Endpoint: 'search-bazaar-abc.eu-west-1.es.amazonaws.com',
  Role: 'bazaar_search',
  IndexPatterns: ['products*'],
  BackendRoles: [
    'arn:aws:iam::123456789012:role/Search',
    'arn:aws:iam::123456789012:role/Indexer',
    'arn:aws:iam::123456789012:role/Search',
  ],
};

const event = (
  requestType: 'Create' | 'Update' | 'Delete',
  physicalResourceId = 'bazaar_search',
): CloudFormationCustomResourceEvent =>
  ({
    RequestType: requestType,
    ServiceToken: 'arn:aws:lambda:eu-west-1:123456789012:function:access',
    ResponseURL: 'https://cloudformation-responses.example/presigned',
    StackId: 'arn:aws:cloudformation:eu-west-1:123456789012:stack/Bazaar-dev/1',
    RequestId: 'request-1',
    LogicalResourceId: 'SearchIndexAccess',
    ResourceType: 'Custom::SearchIndexAccess',
    ResourceProperties: { ServiceToken: 'arn:aws:lambda:…', ...properties },
    ...(requestType === 'Create' ? {} : { PhysicalResourceId: physicalResourceId }),
    ...(requestType === 'Update' ? { OldResourceProperties: properties } : {}),
  }) as CloudFormationCustomResourceEvent;

const context = { getRemainingTimeInMillis: () => 300_000, logStreamName: 'stream-1' };

/** A domain that answers each call with the next status of `statuses` (the last one repeats). */
function fakeDomain(...statuses: Array<number | Error>) {
  const calls: Array<{ method: string; path: string; body?: unknown }> = [];
  const request: DomainRequest = async (method, path, body) => {
    calls.push({ method, path, body });
    const next = statuses.length > 1 ? statuses.shift()! : statuses[0]!;
    if (next instanceof Error) throw next;
    return next;
  };
  return { calls, request };
}

function run(requestType: 'Create' | 'Update' | 'Delete', domain: ReturnType<typeof fakeDomain>) {
  const answers: Array<{ status: string; physicalId: string; reason: string }> = [];
  const deps: AccessDependencies = {
    request: () => domain.request,
    respond: async (_event, status, physicalId, reason) => {
      answers.push({ status, physicalId, reason });
    },
    sleep: async () => {},
  };
  return handleAccessEvent(event(requestType), context, deps).then(() => answers);
}

describe('the search index access custom resource', () => {
  beforeEach(() => {
    for (const level of ['log', 'warn', 'error'] as const)
      jest.spyOn(console, level).mockImplementation(() => {});
  });
  afterEach(() => jest.restoreAllMocks());

  it('puts the bazaar_search role, confined to the products indices, then maps the roles to it', async () => {
    const domain = fakeDomain(200);
    await applyAccess(domain.request, properties);
    expect(domain.calls).toEqual([
      {
        method: 'PUT',
        path: '/_plugins/_security/api/roles/bazaar_search',
        body: {
          cluster_permissions: ['cluster_composite_ops'],
          index_permissions: [{ index_patterns: ['products*'], allowed_actions: ['indices_all'] }],
        },
      },
      {
        method: 'PUT',
        path: '/_plugins/_security/api/rolesmapping/bazaar_search',
        body: {
          backend_roles: ['arn:aws:iam::123456789012:role/Indexer', 'arn:aws:iam::123456789012:role/Search'],
        },
      },
    ]);
  });

  it('answers CloudFormation SUCCESS with the role name as physical id on create and update', async () => {
    for (const requestType of ['Create', 'Update'] as const) {
      expect(await run(requestType, fakeDomain(200))).toEqual([
        { status: 'SUCCESS', physicalId: 'bazaar_search', reason: expect.any(String) },
      ]);
    }
  });

  it('retries while a new domain is not ready yet (5xx, 403), then succeeds', async () => {
    const domain = fakeDomain(503, 403, 200);
    expect(await run('Create', domain)).toEqual([expect.objectContaining({ status: 'SUCCESS' })]);
    expect(domain.calls.map((call) => call.path)).toEqual([
      '/_plugins/_security/api/roles/bazaar_search',
      '/_plugins/_security/api/roles/bazaar_search',
      '/_plugins/_security/api/roles/bazaar_search',
      '/_plugins/_security/api/rolesmapping/bazaar_search',
    ]);
  });

  it('fails the deployment, without retrying, when the domain refuses the request itself', async () => {
    const domain = fakeDomain(400);
    const [answer] = await run('Create', domain);
    expect(answer).toEqual({
      status: 'FAILED',
      physicalId: 'bazaar_search',
      reason: expect.stringMatching(/answered 400 for the role.*stream-1/),
    });
    expect(domain.calls).toHaveLength(1);
  });

  it('fails the deployment once its time is up, rather than let CloudFormation wait', async () => {
    const answers: string[] = [];
    await handleAccessEvent(
      event('Create'),
      { getRemainingTimeInMillis: () => 16_000, logStreamName: 'stream-1' },
      {
        request: () => fakeDomain(503).request,
        respond: async (_event, status) => {
          answers.push(status);
        },
        sleep: async () => {},
      },
    );
    expect(answers).toEqual(['FAILED']);
  });

  it('removes the mapping, then the role, on delete; either already gone is fine', async () => {
    const domain = fakeDomain(404);
    expect(await run('Delete', domain)).toEqual([expect.objectContaining({ status: 'SUCCESS' })]);
    expect(domain.calls.map((call) => `${call.method} ${call.path}`)).toEqual([
      'DELETE /_plugins/_security/api/rolesmapping/bazaar_search',
      'DELETE /_plugins/_security/api/roles/bazaar_search',
    ]);
  });

  it('never holds up deleting the stack, even when the domain cannot be reached', async () => {
    const answers = await run('Delete', fakeDomain(new Error('getaddrinfo ENOTFOUND')));
    expect(answers).toEqual([expect.objectContaining({ status: 'SUCCESS', physicalId: 'bazaar_search' })]);
  });

  it('answers through the pre-signed response URL with the fields CloudFormation reads', async () => {
    const fetchMock = jest
      .spyOn(globalThis, 'fetch')
      .mockResolvedValue(new Response(null, { status: 200 }) as unknown as Response);
    try {
      await respond(event('Create'), 'SUCCESS', 'bazaar_search', 'done');
      const [url, init] = fetchMock.mock.calls[0]!;
      expect(url).toBe('https://cloudformation-responses.example/presigned');
      expect(init).toMatchObject({ method: 'PUT', headers: { 'content-type': '' } });
      expect(JSON.parse(init!.body as string)).toEqual({
        Status: 'SUCCESS',
        Reason: 'done',
        PhysicalResourceId: 'bazaar_search',
        StackId: 'arn:aws:cloudformation:eu-west-1:123456789012:stack/Bazaar-dev/1',
        RequestId: 'request-1',
        LogicalResourceId: 'SearchIndexAccess',
        NoEcho: false,
        Data: {},
      });
    } finally {
      fetchMock.mockRestore();
    }
  });
});
