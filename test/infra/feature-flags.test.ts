import type { Template } from 'aws-cdk-lib/assertions';
import { DEFAULT_FEATURE_FLAGS, FEATURE_FLAGS_ENV } from '../../cdk/constructs/feature-flags';
import type { BazaarStack } from '../../cdk/lib/bazaar-stack';
import { routes } from '../../functions/manifest';
import {
  actionsOf,
  logicalIdOf,
  referencedIds,
  synthBazaar,
  TemplateIndex,
  type WiredFunction,
  wiredFunctions,
} from './support/templates';

let stack: BazaarStack;
let template: Template;
let index: TemplateIndex;
let parameterId: string;
let functions: WiredFunction[];

beforeAll(() => {
  ({ stack, template } = synthBazaar());
  index = new TemplateIndex(template);
  parameterId = logicalIdOf(stack.featureFlags.parameter);
  functions = wiredFunctions(stack);
});

/** What a function may do on the flags parameter. */
const flagActions = (fn: WiredFunction) =>
  index
    .functionStatements(fn.logicalId)
    .filter((statement) => referencedIds(statement.Resource).has(parameterId))
    .flatMap(actionsOf);

describe('the feature switches', () => {
  it('are one SSM String parameter per stage, created with every feature on', () => {
    expect(index.ofType('AWS::SSM::Parameter').map(([id]) => id)).toEqual([parameterId]);
    const parameter = index.props(parameterId);
    expect(parameter).toMatchObject({ Type: 'String', Name: '/bazaar/dev/feature-flags', Tier: 'Standard' });
    expect(JSON.parse(parameter.Value as string)).toEqual({ reviews: true, recommendations: true });
  });

  it('cover every feature a route of the manifests can be switched off by', () => {
    const features = new Set(routes.flatMap((route) => (route.feature ? [route.feature] : [])));
    expect([...features].sort()).toEqual(Object.keys(DEFAULT_FEATURE_FLAGS).sort());
  });

  it('are named in the outputs, for operators switching a feature off', () => {
    template.hasOutput('FeatureFlagsParameterName', { Value: { Ref: parameterId } });
  });

  it('may be read by exactly the functions of flagged routes and the product page, which are told their name', () => {
    const readers: string[] = [];
    for (const fn of functions) {
      const expected = fn.route?.feature !== undefined || fn.entry === 'route GetProduct';
      const actions = flagActions(fn);
      expect([fn.entry, actions.includes('ssm:GetParameter')]).toEqual([fn.entry, expected]);
      expect([fn.entry, index.environment(fn.logicalId)[FEATURE_FLAGS_ENV]]).toEqual([
        fn.entry,
        expected ? { Ref: parameterId } : undefined,
      ]);
      if (expected) readers.push(fn.entry);
    }
    const flagged = routes.filter((route) => route.feature).map((route) => `route ${route.id}`);
    expect(readers.sort()).toEqual([...flagged, 'route GetProduct'].sort());
    expect(flagged).toEqual(
      expect.arrayContaining(['route PostReview', 'route ListReviews', 'route ProductRecommendations']),
    );
  });

  it('may only be read, never changed, by any function', () => {
    for (const fn of functions) {
      const ssm = index
        .functionStatements(fn.logicalId)
        .flatMap(actionsOf)
        .filter((action) => action.startsWith('ssm:'));
      expect([fn.entry, ssm.filter((action) => !/^ssm:(Get|Describe)[A-Za-z]*$/.test(action))]).toEqual([
        fn.entry,
        [],
      ]);
    }
  });
});
