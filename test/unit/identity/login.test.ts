import { InvalidCredentialsError } from '../../../functions/identity/errors';
import { type IdentityDeps, login } from '../../../functions/identity/service';
import type { RateDecision } from '../../../shared/rate-limit';

function depsWith(decision: RateDecision, password = 'right password') {
  const calls: string[] = [];
  const deps = {
    provider: {
      authenticate: async (email: string, given: string) => {
        calls.push(`authenticate ${email}`);
        if (given !== password) throw new InvalidCredentialsError();
        return { userId: 'usr_1', accessToken: 'token', expiresIn: 3600 };
      },
    },
    loginAttempts: {
      attempt: async (email: string) => {
        calls.push(`attempt ${email}`);
        return decision;
      },
      reset: async (email: string) => {
        calls.push(`reset ${email}`);
      },
    },
  } as unknown as IdentityDeps;
  return { deps, calls };
}

describe('login', () => {
  it('refuses with 429 and Retry-After while the account must wait, without checking the password', async () => {
    const { deps, calls } = depsWith({ allowed: false, retryAfterSeconds: 4 });
    await expect(login('ann@example.com', 'right password', deps)).rejects.toMatchObject({
      name: 'RateLimitedError',
      status: 429,
      retryAfterSeconds: 4,
    });
    expect(calls).toEqual(['attempt ann@example.com']);
  });

  it('counts the attempt before the password check and forgets the count only on success', async () => {
    const wrong = depsWith({ allowed: true });
    await expect(login('ann@example.com', 'wrong', wrong.deps)).rejects.toBeInstanceOf(
      InvalidCredentialsError,
    );
    expect(wrong.calls).toEqual(['attempt ann@example.com', 'authenticate ann@example.com']);

    const right = depsWith({ allowed: true });
    await expect(login('ann@example.com', 'right password', right.deps)).resolves.toMatchObject({
      userId: 'usr_1',
    });
    expect(right.calls.at(-1)).toBe('reset ann@example.com');
  });
});
