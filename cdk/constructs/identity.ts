import { Duration, Stack } from 'aws-cdk-lib';
import { HttpAuthorizer, HttpAuthorizerType, type IHttpRouteAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  AccountRecovery,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  UserPool,
  type UserPoolClient,
} from 'aws-cdk-lib/aws-cognito';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { type WiredService, wireService } from './manifest-wiring';
import { acknowledge } from './nag';
import type { ApiAuth, Platform } from './platform';
import { requireTable, serviceTables } from './tables';

export interface IdentityProps {
  readonly platform: Platform;
}

/**
 * Who people are: the Cognito user pool that keeps passwords and issues access tokens, the
 * users table (profiles, roles, addresses) that every authenticated route reads, and the
 * identity routes. Users are created through the admin API with Bazaar's user id as their
 * username and sign in with their e-mail address as an alias.
 */
export class Identity extends Construct {
  public readonly usersTable: Table;
  public readonly userPool: UserPool;
  public readonly userPoolClient: UserPoolClient;
  /** The JWT authorizer and token settings every service's routes use. */
  public readonly auth: ApiAuth;
  public readonly functions: WiredService;

  constructor(scope: Construct, id: string, props: IdentityProps) {
    super(scope, id);
    const { stage } = props.platform;

    this.usersTable = requireTable(serviceTables(this, 'identity', stage), 'users', 'identity');
    this.userPool = this.createUserPool(stage);

    this.userPoolClient = this.userPool.addClient('ApiClient', {
      userPoolClientName: 'bazaar-api',
      authFlows: { adminUserPassword: true },
      generateSecret: false,
      disableOAuth: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
    });

    this.auth = this.createAuth(props.platform);

    this.functions = wireService(this, {
      service: 'identity',
      platform: props.platform,
      auth: this.auth,
      tables: { users: this.usersTable },
    });

    // Cognito keeps the passwords: signup creates the user (and removes it again if the
    // profile cannot be finished), login exchanges e-mail and password for tokens.
    const { Signup: signup, Login: login } = this.functions.routes;
    if (!signup || !login)
      throw new Error('The identity routes manifest must keep the Signup and Login routes');
    this.userPool.grant(
      signup,
      'cognito-idp:AdminCreateUser',
      'cognito-idp:AdminSetUserPassword',
      'cognito-idp:AdminDeleteUser',
      'cognito-idp:AdminInitiateAuth',
    );
    this.userPool.grant(login, 'cognito-idp:AdminInitiateAuth');
  }

  /** The pool that keeps the passwords, its policy matching the signup route's validation. */
  private createUserPool(stage: Platform['stage']): UserPool {
    const threatProtection = stage.cognitoThreatProtection;
    const userPool = new UserPool(this, 'UserPool', {
      userPoolName: `bazaar-${stage.name}`,
      // Accounts are created by the signup route through AdminCreateUser, never by Cognito's own sign-up.
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      signInCaseSensitive: false,
      standardAttributes: { email: { required: true, mutable: true } },
      // The same rule the signup route validates (8 to 128 characters), so a password the API
      // accepts is never refused by Cognito halfway through creating the account.
      passwordPolicy: {
        minLength: 8,
        requireLowercase: false,
        requireUppercase: false,
        requireDigits: false,
        requireSymbols: false,
      },
      mfa: Mfa.OFF,
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: threatProtection ? FeaturePlan.PLUS : FeaturePlan.ESSENTIALS,
      standardThreatProtectionMode: threatProtection ? StandardThreatProtectionMode.FULL_FUNCTION : undefined,
      deletionProtection: stage.production,
      removalPolicy: stage.removalPolicy,
    });
    const cfnUserPool = userPool.node.defaultChild!;
    acknowledge(
      cfnUserPool,
      {
        id: 'AwsSolutions-COG1',
        reason:
          'Length-based policy (NIST SP 800-63B) identical to the signup validation, so both runtimes accept the same passwords',
      },
      {
        id: 'AwsSolutions-COG2',
        reason:
          'Login is ADMIN_USER_PASSWORD_AUTH behind POST /auth/login, which has no MFA challenge step in the API contract yet',
      },
    );
    if (!threatProtection) {
      acknowledge(cfnUserPool, {
        id: 'AwsSolutions-COG8',
        reason:
          'Threat protection (Plus plan) is opt-in per stage via the cognitoThreatProtection context flag',
      });
    }
    return userPool;
  }

  /** The JWT authorizer trusting this pool's access tokens, and the token settings beside it. */
  private createAuth(platform: Platform): ApiAuth {
    const issuer = `https://cognito-idp.${Stack.of(this).region}.amazonaws.com/${this.userPool.userPoolId}`;
    // Built here, beside the user pool it trusts. (HttpJwtAuthorizer would create it under the
    // API, in the top-level stack, which would then depend on this service's nested stack
    // while this stack's routes depend on it.)
    const authorizer = new HttpAuthorizer(this, 'CognitoAuthorizer', {
      httpApi: platform.api,
      authorizerName: 'CognitoAuthorizer',
      type: HttpAuthorizerType.JWT,
      identitySource: ['$request.header.Authorization'],
      // Cognito access tokens carry no `aud`; API Gateway then checks `client_id` against the audience.
      jwtAudience: [this.userPoolClient.userPoolClientId],
      jwtIssuer: issuer,
    });
    const routeAuthorizer: IHttpRouteAuthorizer = {
      bind: () => ({ authorizerId: authorizer.authorizerId, authorizationType: 'JWT' }),
    };
    return {
      authorizer: routeAuthorizer,
      issuer,
      jwksUri: `${issuer}/.well-known/jwks.json`,
      clientId: this.userPoolClient.userPoolClientId,
      userPoolId: this.userPool.userPoolId,
    };
  }
}
