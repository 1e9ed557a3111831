import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { App, type AppProps } from 'aws-cdk-lib';
import { STOREFRONT_DIST } from '../../scripts/storefront-build';
import { addNagChecks } from '../constructs/nag';
import { stageSettings } from '../constructs/platform';
import { SEARCH_CONTEXT_KEYS, type SearchDomainSettings, searchDomainSettings } from '../constructs/search';
import { BazaarStack } from './bazaar-stack';

/**
 * The CDK app: one Bazaar stack for the stage named by the `stage` context (`dev` unless
 * told), checked by cdk-nag's AWS Solutions pack. Context keys: `stage`, `imagesBaseUrl` (a
 * custom domain in front of the images distribution; its own domain unless told),
 * `corsOrigins` (comma-separated: the storefront origins allowed to call the API and upload
 * images), `emailFrom` (the From address of notification e-mails, which must be verified in
 * SES; DEFAULT_EMAIL_FROM unless told), `alarmEmail` (subscribed to the alarm topic),
 * `cognitoThreatProtection` (true/false), `otelLayerArn` (the ADOT Lambda layer every
 * function then runs through; README, "Traces"), and the search
 * domain's `searchMultiAz`, `searchDedicatedMasters` (true/false), `searchInstanceType`,
 * `searchInstanceCount`, `searchMasterInstanceType`, `searchMasterCount`, `searchVolumeGb` and
 * `searchOperatorRoleArns` (comma-separated), each defaulting by stage (see searchDomainSettings),
 * and `storefrontDir` (the storefront's build to upload; web/dist, which cdk/bin/bazaar.ts builds).
 */
export function createBazaarApp(props: AppProps = {}): { app: App; stack: BazaarStack } {
  const app = new App(props);
  const context = (key: string): string | undefined => {
    const value = app.node.tryGetContext(key);
    return value === undefined || value === null || value === '' ? undefined : String(value);
  };
  const stageName = context('stage') ?? 'dev';
  const stage = stageSettings(stageName, {
    imagesBaseUrl: context('imagesBaseUrl'),
    cognitoThreatProtection: context('cognitoThreatProtection') === 'true',
    otelLayerArn: context('otelLayerArn'),
  });
  const flag = (key: string): boolean | undefined => {
    const value = context(key);
    if (value === undefined) return undefined;
    if (value !== 'true' && value !== 'false')
      throw new Error(`Context ${key} must be true or false, not ${value}`);
    return value === 'true';
  };
  const count = (key: string): number | undefined => {
    const value = context(key);
    if (value === undefined) return undefined;
    if (!/^\d+$/.test(value)) throw new Error(`Context ${key} must be a whole number, not ${value}`);
    return Number(value);
  };
  const list = (key: string): string[] | undefined =>
    context(key)
      ?.split(',')
      .map((item) => item.trim())
      .filter(Boolean);
  const keys = SEARCH_CONTEXT_KEYS;
  const search: Partial<SearchDomainSettings> = {
    multiAz: flag(keys.multiAz),
    dedicatedMasters: flag(keys.dedicatedMasters),
    instanceType: context(keys.instanceType),
    instanceCount: count(keys.instanceCount),
    masterInstanceType: context(keys.masterInstanceType),
    masterCount: count(keys.masterCount),
    volumeGb: count(keys.volumeGb),
    operatorRoleArns: list(keys.operatorRoleArns),
  };
  const storefrontDir = context('storefrontDir') ?? STOREFRONT_DIST;
  if (!existsSync(join(storefrontDir, 'index.html'))) {
    throw new Error(`The storefront is not built in ${storefrontDir}: run \`npm run build:web\``);
  }
  const stack = new BazaarStack(app, `Bazaar-${stageName}`, {
    stage,
    search: searchDomainSettings(stage, search),
    corsOrigins: list('corsOrigins'),
    emailFrom: context('emailFrom'),
    alarmEmail: context('alarmEmail'),
    storefrontDir,
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
    description: `Bazaar serverless marketplace (${stageName})`,
  });
  addNagChecks(app);
  return { app, stack };
}
