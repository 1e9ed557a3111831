import { Match, type Template } from 'aws-cdk-lib/assertions';
import type { BazaarStack } from '../../cdk/lib/bazaar-stack';
import { rules } from '../../functions/manifest';
import {
  actionsOf,
  logicalIdOf,
  referencedIds,
  resourcesOf,
  synthBazaar,
  TemplateIndex,
  type WiredFunction,
  wiredFunctions,
} from './support/templates';

let stack: BazaarStack;
let template: Template;
let index: TemplateIndex;
let bucketId: string;
let distributionId: string;
let functions: WiredFunction[];

beforeAll(() => {
  ({ stack, template } = synthBazaar());
  index = new TemplateIndex(template);
  bucketId = logicalIdOf(stack.mediaStorage.imagesBucket);
  distributionId = logicalIdOf(stack.mediaStorage.distribution);
  functions = wiredFunctions(stack);
});

const bucketArn = () => ({ 'Fn::GetAtt': [bucketId, 'Arn'] });
const objectsArn = () => ({ 'Fn::Join': ['', [bucketArn(), '/*']] });
const distributionUrl = () => ({
  'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId, 'DomainName'] }]],
});

/** The images bucket's policy (the storefront bucket has its own). */
function imagesBucketPolicy(): [string, Record<string, unknown>] {
  const found = index
    .ofType('AWS::S3::BucketPolicy')
    .filter(([, props]) => referencedIds(props.Bucket).has(bucketId));
  expect(found).toHaveLength(1);
  return found[0]!;
}

/** The origin access control the images distribution signs with (the site's has its own). */
function imagesOriginAccessControl(): [string, Record<string, unknown>] {
  const config = JSON.stringify(index.props(distributionId).DistributionConfig);
  const found = index
    .ofType('AWS::CloudFront::OriginAccessControl')
    .filter(([id]) => config.includes(`"${id}"`));
  expect(found).toHaveLength(1);
  return found[0]!;
}

describe('the images bucket', () => {
  it('is one of two buckets (the other the storefront’s), private: every Block Public Access setting on, objects owned by the bucket', () => {
    expect(
      index
        .ofType('AWS::S3::Bucket')
        .map(([id]) => id)
        .sort(),
    ).toEqual([bucketId, logicalIdOf(stack.site.bucket)].sort());
    expect(index.props(bucketId)).toMatchObject({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
    });
  });

  it('is encrypted with S3-managed keys and refuses any request without TLS 1.2 or later', () => {
    expect(index.props(bucketId).BucketEncryption).toEqual({
      ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
    });
    const [, policy] = imagesBucketPolicy();
    const statements = (policy.PolicyDocument as { Statement: Array<Record<string, unknown>> }).Statement;
    expect(statements).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Effect: 'Deny',
          Action: 's3:*',
          Principal: { AWS: '*' },
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          Resource: [bucketArn(), objectsArn()],
        }),
        expect.objectContaining({
          Effect: 'Deny',
          Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } },
        }),
      ]),
    );
  });

  it('sends its events to EventBridge natively, with no notifications custom resource', () => {
    expect(index.props(bucketId).NotificationConfiguration).toEqual({
      EventBridgeConfiguration: { EventBridgeEnabled: true },
    });
    expect(index.ofType('Custom::S3BucketNotifications')).toEqual([]);
  });

  it('lets browsers POST uploads and GET or HEAD images from any origin when no storefront origin is named', () => {
    expect(index.props(bucketId).CorsConfiguration).toEqual({
      CorsRules: [
        {
          AllowedMethods: ['POST', 'GET', 'HEAD'],
          AllowedOrigins: ['*'],
          AllowedHeaders: ['*'],
          ExposedHeaders: ['ETag'],
          MaxAge: 3600,
        },
      ],
    });
  });

  it('may be read by CloudFront only through this distribution, and by no one else from outside', () => {
    const [, policy] = imagesBucketPolicy();
    const allows = (policy.PolicyDocument as { Statement: Array<Record<string, unknown>> }).Statement.filter(
      (statement) => statement.Effect === 'Allow',
    );
    expect(allows).toEqual([
      {
        Effect: 'Allow',
        Action: 's3:GetObject',
        Principal: { Service: 'cloudfront.amazonaws.com' },
        Resource: objectsArn(),
        Condition: {
          StringEquals: {
            'AWS:SourceArn': {
              'Fn::Join': [
                '',
                [
                  'arn:',
                  { Ref: 'AWS::Partition' },
                  ':cloudfront::',
                  { Ref: 'AWS::AccountId' },
                  ':distribution/',
                  { Ref: distributionId },
                ],
              ],
            },
          },
        },
      },
    ]);
  });

  it('is deleted with a development stage (emptied first by operators: no auto-delete function)', () => {
    expect(index.resources[bucketId]).toMatchObject({ DeletionPolicy: 'Delete' });
    expect(index.ofType('Custom::S3AutoDeleteObjects')).toEqual([]);
  });
});

describe('the images distribution', () => {
  it('serves the bucket through origin access control, HTTPS only, GET and HEAD, with the caching-optimized policy', () => {
    const [oacId, oac] = imagesOriginAccessControl();
    expect(oac.OriginAccessControlConfig).toMatchObject({
      OriginAccessControlOriginType: 's3',
      SigningBehavior: 'always',
      SigningProtocol: 'sigv4',
    });
    const config = index.props(distributionId).DistributionConfig as Record<string, unknown>;
    expect(config.Origins).toEqual([
      expect.objectContaining({
        DomainName: { 'Fn::GetAtt': [bucketId, 'RegionalDomainName'] },
        OriginAccessControlId: { 'Fn::GetAtt': [oacId, 'Id'] },
        S3OriginConfig: { OriginAccessIdentity: '' },
      }),
    ]);
    expect(config.DefaultCacheBehavior).toMatchObject({
      ViewerProtocolPolicy: 'https-only',
      AllowedMethods: ['GET', 'HEAD'],
      // CloudFront's managed CachingOptimized policy.
      CachePolicyId: '658327ea-f89d-4fab-a63d-7e88639e58f6',
      Compress: true,
    });
    expect(config.CacheBehaviors).toBeUndefined();
  });

  it('is its own distribution beside the site’s (stored image URLs keep working), and names the bucket and the images URL in the outputs', () => {
    expect(
      index
        .ofType('AWS::CloudFront::Distribution')
        .map(([id]) => id)
        .sort(),
    ).toEqual([distributionId, logicalIdOf(stack.site.distribution)].sort());
    template.hasOutput('ImagesBucketName', { Value: { Ref: bucketId } });
    template.hasOutput('ImagesBaseUrl', { Value: distributionUrl() });
  });
});

describe('who may use the images', () => {
  const bucketActions = (fn: WiredFunction) =>
    index
      .functionStatements(fn.logicalId)
      .filter((statement) => referencedIds(statement.Resource).has(bucketId))
      .flatMap(actionsOf);

  it('lets exactly the functions whose uses name the images bucket read, write, delete and list it', () => {
    const users = functions.filter(({ uses }) => uses.bucket === 'images').map(({ entry }) => entry);
    expect(users.sort()).toEqual(
      ['route RequestImageUpload', 'route DeleteProductImage', 'rule MediaOnImageUploaded'].sort(),
    );
    for (const fn of functions) {
      const actions = bucketActions(fn);
      if (fn.uses.bucket !== 'images') {
        expect([fn.entry, actions]).toEqual([fn.entry, []]);
        continue;
      }
      // s3:List* is s3:ListBucket, without which S3 answers a missing object with 403, not 404.
      expect([fn.entry, actions]).toEqual([
        fn.entry,
        expect.arrayContaining(['s3:GetObject*', 's3:PutObject', 's3:DeleteObject*', 's3:List*']),
      ]);
      const statement = index
        .functionStatements(fn.logicalId)
        .find((each) => actionsOf(each).includes('s3:PutObject'))!;
      expect(resourcesOf(statement)).toEqual(expect.arrayContaining([bucketArn(), objectsArn()]));
      expect(resourcesOf(statement)).toHaveLength(2);
    }
  });

  it('tells every media function the bucket’s name, since the media deps build the image store for each', () => {
    for (const fn of functions) {
      const named = index.environment(fn.logicalId).IMAGES_BUCKET_NAME;
      expect([fn.entry, named]).toEqual([
        fn.entry,
        fn.fn.service === 'media' ? { Ref: bucketId } : undefined,
      ]);
    }
  });

  it('tells every catalog and media function, and no other, the images URL: https and the distribution’s domain', () => {
    for (const fn of functions) {
      const url = index.environment(fn.logicalId).IMAGES_BASE_URL;
      const reads = ['catalog', 'media'].includes(fn.fn.service);
      expect([fn.entry, url]).toEqual([fn.entry, reads ? distributionUrl() : undefined]);
    }
  });
});

describe('the upload rule', () => {
  it('listens on the account’s default bus, where S3 sends its events, for objects created under products/', () => {
    const rule = rules.find((candidate) => candidate.id === 'MediaOnImageUploaded')!;
    expect(rule.bus).toBe('default');
    const handler = functions.find(({ entry }) => entry === 'rule MediaOnImageUploaded')!;
    template.hasResourceProperties('AWS::Events::Rule', {
      EventBusName: 'default',
      EventPattern: {
        source: ['aws.s3'],
        'detail-type': ['Object Created'],
        detail: { object: { key: [{ prefix: 'products/' }] } },
      },
      Targets: [
        Match.objectLike({
          Arn: { 'Fn::GetAtt': [handler.logicalId, 'Arn'] },
          DeadLetterConfig: Match.anyValue(),
        }),
      ],
    });
    // The platform's own rules stay on the bazaar bus.
    const onDefault = index
      .ofType('AWS::Events::Rule')
      .filter(([, props]) => props.EventBusName === 'default');
    expect(onDefault).toHaveLength(rules.filter((candidate) => candidate.bus === 'default').length);
  });

  it('may invoke the handler, from the default bus rule only', () => {
    const handler = functions.find(({ entry }) => entry === 'rule MediaOnImageUploaded')!;
    const [ruleId] = index.ofType('AWS::Events::Rule').find(([, props]) => props.EventBusName === 'default')!;
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      FunctionName: { 'Fn::GetAtt': [handler.logicalId, 'Arn'] },
      Principal: 'events.amazonaws.com',
      SourceArn: { 'Fn::GetAtt': [ruleId, 'Arn'] },
    });
  });
});

describe('with a storefront origin and a custom images domain', () => {
  let custom: TemplateIndex;
  let customStack: BazaarStack;

  beforeAll(() => {
    const synthesized = synthBazaar({
      corsOrigins: 'https://shop.example, https://www.shop.example',
      imagesBaseUrl: 'https://images.shop.example',
    });
    customStack = synthesized.stack;
    custom = new TemplateIndex(synthesized.template);
  });

  it('lets only those origins upload and read across origins', () => {
    const bucket = custom.props(logicalIdOf(customStack.mediaStorage.imagesBucket));
    expect((bucket.CorsConfiguration as { CorsRules: unknown[] }).CorsRules).toEqual([
      expect.objectContaining({
        AllowedMethods: ['POST', 'GET', 'HEAD'],
        AllowedOrigins: ['https://shop.example', 'https://www.shop.example'],
      }),
    ]);
  });

  it('tells catalog and media functions the custom domain instead of the distribution’s', () => {
    for (const fn of wiredFunctions(customStack).filter((each) =>
      ['catalog', 'media'].includes(each.fn.service),
    )) {
      expect([fn.entry, custom.environment(fn.logicalId).IMAGES_BASE_URL]).toEqual([
        fn.entry,
        'https://images.shop.example',
      ]);
    }
  });
});
