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
