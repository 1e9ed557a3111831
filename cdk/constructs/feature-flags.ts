import { ParameterTier, StringParameter } from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import type { Feature } from '../../shared/feature-flags';
import type { StageSettings } from './platform';
import type { ServiceFunction } from './service-function';

/** The environment variable naming the flags parameter (shared/feature-flags.ts reads it). */
export const FEATURE_FLAGS_ENV = 'FEATURE_FLAGS_PARAMETER';

/** Every feature that can be switched off, each on until an operator says otherwise. */
export const DEFAULT_FEATURE_FLAGS = {
  reviews: true,
  recommendations: true,
} as const satisfies Record<Feature, boolean>;

/** What a function needs to read the feature switches: the grant and the parameter's name. */
export interface FeatureFlagsAccess {
  grantReadFlags(fn: ServiceFunction): void;
}

export interface FeatureFlagsProps {
  readonly stage: StageSettings;
}

/**
 * The feature switches on AWS: one SSM String parameter holding a JSON object
 * (`{"reviews": true, "recommendations": true}`), read through Powertools and cached for 30 s
 * by the functions (shared/feature-flags.ts). Operators switch a feature off for a sale with
 *   aws ssm put-parameter --overwrite --name <FeatureFlagsParameterName output> \
 *     --value '{"reviews": false, "recommendations": true}'
 * CloudFormation writes the value only when the template's default changes, so a deploy does not
 * undo a switch; a changed default, though, overwrites whatever is set at the time.
 */
export class FeatureFlags extends Construct implements FeatureFlagsAccess {
  public readonly parameter: StringParameter;

  constructor(scope: Construct, id: string, props: FeatureFlagsProps) {
    super(scope, id);
    this.parameter = new StringParameter(this, 'Parameter', {
      parameterName: `/bazaar/${props.stage.name}/feature-flags`,
      description: `Bazaar ${props.stage.name}: feature switches (JSON); a feature missing or true is on`,
      stringValue: JSON.stringify(DEFAULT_FEATURE_FLAGS),
      tier: ParameterTier.STANDARD,
    });
  }

  /** Lets `fn` read the switches (ssm:GetParameter on this one parameter) and tells it their name. */
  grantReadFlags(fn: ServiceFunction): void {
    this.parameter.grantRead(fn);
    fn.addEnvironment(FEATURE_FLAGS_ENV, this.parameter.parameterName);
  }
}
