import { FeatureDisabledError } from './errors';

export type Feature = 'reviews' | 'recommendations';

/**
 * Non-essential features can be switched off for sale events. On AWS the switches are one SSM
 * parameter (JSON, e.g. {"reviews": false}) named by FEATURE_FLAGS_PARAMETER, read through
 * Powertools and cached for a short while; locally they are environment variables
 * (FEATURE_REVIEWS=off). A missing switch means on.
 */
export async function isEnabled(feature: Feature): Promise<boolean> {
  const parameter = process.env.FEATURE_FLAGS_PARAMETER;
  if (parameter) {
    const { getParameter } = await import('@aws-lambda-powertools/parameters/ssm');
    const flags = (await getParameter(parameter, { transform: 'json', maxAge: 30 })) as
      | Record<string, unknown>
      | undefined;
    return flags?.[feature] !== false;
  }
  const value = process.env[`FEATURE_${feature.toUpperCase()}`];
  return !(value === 'off' || value === 'false' || value === '0');
}

/** For the endpoints of a switched-off feature: 503 FEATURE_DISABLED. */
export async function requireFeature(feature: Feature): Promise<void> {
  if (!(await isEnabled(feature)))
    throw new FeatureDisabledError(feature === 'reviews' ? 'Reviews' : 'Recommendations');
}
