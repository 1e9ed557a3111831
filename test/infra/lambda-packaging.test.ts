import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { stageSettings } from '../../cdk/constructs/platform';
import { BazaarFunction } from '../../cdk/constructs/service-function';
import { synthBazaar, TemplateIndex, testAppProps } from './support/templates';

/** The SDK probes for the native CRT signer inside try/catch and works without it; nothing installs it. */
const OPTIONAL_PROBES = ['@aws-sdk/signature-v4-crt'];
const OTEL_LAYER = 'arn:aws:lambda:us-east-1:123456789012:layer:test-otel-nodejs-arm64:3';

/** Bazaar's own functions: every `BazaarFunction` has X-Ray active tracing; CDK's helper functions do not. */
function bazaarFunctions(index: TemplateIndex): Array<[string, Record<string, unknown>]> {
  return index
    .ofType('AWS::Lambda::Function')
    .filter(([, props]) => (props.TracingConfig as { Mode?: string } | undefined)?.Mode === 'Active');
}

describe('the AWS SDK a function runs', () => {
  it('is the one the tests ran: bundled in, with @aws-sdk/lib-dynamodb and s3-presigned-post, nothing left to the runtime', () => {
    // A real bundle, unlike the other infra tests: the decision only shows in what esbuild wrote.
    const { context, ...props } = testAppProps();
    const { 'aws:cdk:bundling-stacks': _skipped, ...bundlingContext } = context as Record<string, unknown>;
    const app = new App({ ...props, context: bundlingContext });
    const stack = new Stack(app, 'Bundled');
    new BazaarFunction(stack, 'RequestUpload', {
      stage: stageSettings('test'),
      entry: join(__dirname, '..', '..', 'functions', 'media', 'handlers', 'request-upload.ts'),
      handler: 'handler',
    });
    const outdir = app.synth().directory;
    const assets = readdirSync(outdir).filter((name) => name.startsWith('asset.'));
    expect(assets).toHaveLength(1);
    const bundle = readFileSync(join(outdir, assets[0]!, 'index.js'), 'utf8');

    const required = [...bundle.matchAll(/require\("([^"]+)"\)/g)].map((match) => match[1]!);
    const leftOut = required.filter(
      (name) => !name.startsWith('node:') && !isNodeBuiltin(name) && !OPTIONAL_PROBES.includes(name),
    );
    expect(leftOut).toEqual([]);
    // The presigned POST the handler signs is built from the bundled package, not looked up at run time.
    expect(/X-Amz-Credential/i.test(bundle)).toBe(true);
  }, 120_000);
});

const isNodeBuiltin = (name: string) => require('node:module').builtinModules.includes(name);

describe('OpenTelemetry through the ADOT layer', () => {
  it('runs every Bazaar function through the layer given by the otelLayerArn context', () => {
    const index = new TemplateIndex(synthBazaar({ otelLayerArn: OTEL_LAYER }).template);
    const functions = bazaarFunctions(index);
    expect(functions.length).toBeGreaterThan(80);
    for (const [id, props] of functions) {
      expect({ id, layers: props.Layers }).toEqual({ id, layers: [OTEL_LAYER] });
      expect({ id, env: index.environment(id) }).toMatchObject({
        id,
        env: {
          AWS_LAMBDA_EXEC_WRAPPER: '/opt/otel-handler',
          OTEL_NODE_ENABLED_INSTRUMENTATIONS: 'aws-sdk,http',
        },
      });
    }
  });

  it('adds no layer and no wrapper without the context, and X-Ray active tracing stays on either way', () => {
    const index = new TemplateIndex(synthBazaar().template);
    const functions = bazaarFunctions(index);
    expect(functions.length).toBeGreaterThan(80);
    for (const [id, props] of functions) {
      expect({ id, layers: props.Layers }).toEqual({ id, layers: undefined });
      expect(index.environment(id)).not.toHaveProperty('AWS_LAMBDA_EXEC_WRAPPER');
      expect(index.environment(id)).not.toHaveProperty('OTEL_NODE_ENABLED_INSTRUMENTATIONS');
    }
    const machines = index.ofType('AWS::StepFunctions::StateMachine');
    expect(machines.length).toBeGreaterThan(0);
    for (const [, props] of machines) expect(props.TracingConfiguration).toEqual({ Enabled: true });
  });

  it('refuses an otelLayerArn that is not a layer version ARN, naming the context key', () => {
    expect(() => synthBazaar({ otelLayerArn: 'aws-otel-nodejs-arm64' })).toThrow(/otelLayerArn/);
  });
});
