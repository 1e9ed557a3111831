import { dynamo, eventBridge, stepFunctions } from '../../../shared/clients';

describe('the shared AWS clients', () => {
  // The SDK's logger middleware deep-copies every input and output through the sensitive-data
  // filters even with no logger configured: on the product page, a copy of the item per view.
  it.each([
    ['DynamoDB (document client)', () => dynamo().middlewareStack],
    ['EventBridge', () => eventBridge().middlewareStack],
    ['Step Functions', () => stepFunctions().middlewareStack],
  ])('%s carries no SDK logger middleware', (_, stackOf) => {
    const names = (stackOf() as unknown as { identify(): string[] }).identify();
    expect(names.length).toBeGreaterThan(0);
    expect(names.filter((name) => /logger/i.test(name))).toEqual([]);
  });
});

describe('middleware for the DynamoDB client', () => {
  type Clients = typeof import('../../../shared/clients');
  const freshClients = (): Clients => {
    let clients: Clients | undefined;
    jest.isolateModules(() => {
      clients = require('../../../shared/clients') as Clients;
    });
    return clients!;
  };
  const named = (name: string) => ({
    applyToStack: (stack: { add(middleware: unknown, options: object): void }) =>
      stack.add((next: (args: unknown) => unknown) => next, { name, step: 'build' }),
  });

  it('is on every client handlers share: the document client, the SDK client and the hot-reads client', () => {
    const clients = freshClients();
    clients.useInDynamoDbClient(named('runtimeMiddleware') as never);
    const names = (stack: unknown) => (stack as { identify(): string[] }).identify().join(' ');
    expect(names(clients.dynamoDbClient().middlewareStack)).toContain('runtimeMiddleware');
    expect(names(clients.dynamo().middlewareStack)).toContain('runtimeMiddleware');
    expect(names(clients.dynamoDbHotReads().middlewareStack)).toContain('runtimeMiddleware');
  });

  it('is resolved once per command type on the hot-reads client, on every call elsewhere', () => {
    const clients = freshClients();
    expect(clients.dynamoDbHotReads().config.cacheMiddleware).toBe(true);
    expect(clients.dynamoDbClient().config.cacheMiddleware).not.toBe(true);
  });

  it('cannot be added once the client is built, where it would silently miss', () => {
    const clients = freshClients();
    clients.dynamo();
    expect(() => clients.useInDynamoDbClient(named('late') as never)).toThrow(/before the first call/);
  });
});
