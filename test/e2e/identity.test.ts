import { api, signUp, uniqueEmail } from '../support/api';

describe('accounts', () => {
  it('signs up (201), refuses the same e-mail (409), and logs in (200)', async () => {
    const email = uniqueEmail('ann');
    const signup = await api('POST', '/api/v1/auth/signup', {
      body: { email, password: 'correct horse battery', name: 'Ann' },
    });
    expect(signup.status).toBe(201);
    expect(signup.body).toEqual({
      user_id: expect.stringMatching(/^usr_/),
      access_token: expect.any(String),
      token_type: 'Bearer',
      expires_in: 3600,
    });
    const again = await api('POST', '/api/v1/auth/signup', {
      body: { email: email.toUpperCase(), password: 'another one!', name: 'Ann' },
    });
    expect(again.status).toBe(409);
    const login = await api('POST', '/api/v1/auth/login', {
      body: { email, password: 'correct horse battery' },
    });
    expect(login.status).toBe(200);
    expect(login.body.user_id).toBe(signup.body.user_id);
  });

  it('answers a wrong password and an unknown e-mail with the same 401', async () => {
    const { email } = await signUp('bob');
    const wrong = await api('POST', '/api/v1/auth/login', { body: { email, password: 'not the password' } });
    const unknown = await api('POST', '/api/v1/auth/login', {
      body: { email: uniqueEmail('nobody'), password: 'whatever1' },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
  });

  it('rejects a short password and a bad e-mail with 400 naming the field', async () => {
    const short = await api('POST', '/api/v1/auth/signup', {
      body: { email: uniqueEmail(), password: 'short', name: 'X' },
    });
    expect(short.body.error.details.fields[0].field).toBe('password');
    const bad = await api('POST', '/api/v1/auth/signup', {
      body: { email: 'not-an-email', password: 'long enough', name: 'X' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields[0].field).toBe('email');
  });

  it('makes a seller of the token it already holds', async () => {
    const user = await signUp('soon-seller');
    expect((await api('GET', '/api/v1/seller/products', { token: user.token })).status).toBe(403);
    const register = await api('POST', '/api/v1/seller/register', {
      token: user.token,
      body: { store_name: `Shop ${user.userId}` },
    });
    expect(register.status).toBe(201);
    expect(register.body.roles).toEqual(['customer', 'seller']);
    expect((await api('GET', '/api/v1/seller/products', { token: user.token })).status).toBe(200);
    const twice = await api('POST', '/api/v1/seller/register', {
      token: user.token,
      body: { store_name: 'Another' },
    });
    expect(twice.status).toBe(409);
  });

  it('shows and updates the profile', async () => {
    const user = await signUp('carol');
    const me = await api('GET', '/api/v1/me', { token: user.token });
    expect(me.body).toMatchObject({
      user_id: user.userId,
      email: user.email,
      roles: ['customer'],
      default_address_id: null,
    });
    const renamed = await api('PATCH', '/api/v1/me', { token: user.token, body: { name: 'Caroline' } });
    expect(renamed.body.name).toBe('Caroline');
    expect((await api('PATCH', '/api/v1/me', { token: user.token, body: {} })).status).toBe(400);
  });
});

describe('addresses', () => {
  const home = {
    name: 'Home',
    line1: '1 Main St',
    city: 'Springfield',
    region: 'IL',
    postal_code: '62701',
    country: 'US',
  };

  it('keeps each user’s addresses private (others get 404)', async () => {
    const owner = await signUp('owner');
    const other = await signUp('other');
    const created = await api('POST', '/api/v1/addresses', { token: owner.token, body: home });
    expect(created.status).toBe(201);
    const addressId = created.body.address_id;
    expect(addressId).toMatch(/^addr_/);
    expect((await api('GET', `/api/v1/addresses/${addressId}`, { token: other.token })).status).toBe(404);
    expect(
      (await api('PUT', `/api/v1/addresses/${addressId}`, { token: other.token, body: home })).status,
    ).toBe(404);
    expect((await api('DELETE', `/api/v1/addresses/${addressId}`, { token: other.token })).status).toBe(404);
    expect(
      (await api('PATCH', '/api/v1/me', { token: other.token, body: { default_address_id: addressId } }))
        .status,
    ).toBe(404);
    expect((await api('GET', '/api/v1/addresses', { token: other.token })).body.items).toEqual([]);
    expect((await api('GET', `/api/v1/addresses/${addressId}`, { token: owner.token })).body.city).toBe(
      'Springfield',
    );
  });

  it('sets a default address, replaces and deletes addresses', async () => {
    const user = await signUp('dora');
    const created = (await api('POST', '/api/v1/addresses', { token: user.token, body: home })).body;
    const patched = await api('PATCH', '/api/v1/me', {
      token: user.token,
      body: { default_address_id: created.address_id },
    });
    expect(patched.body.default_address_id).toBe(created.address_id);
    const replaced = await api('PUT', `/api/v1/addresses/${created.address_id}`, {
      token: user.token,
      body: { ...home, line1: '2 Elm St', country: 'ca' },
    });
    expect(replaced.body).toMatchObject({ line1: '2 Elm St', country: 'CA', is_default: true });
    expect(
      (await api('DELETE', `/api/v1/addresses/${created.address_id}`, { token: user.token })).status,
    ).toBe(204);
    expect((await api('GET', '/api/v1/me', { token: user.token })).body.default_address_id).toBeNull();
  });

  it('rejects an unknown country and changes nothing', async () => {
    const user = await signUp('eve');
    const response = await api('POST', '/api/v1/addresses', {
      token: user.token,
      body: { ...home, country: 'ZZ' },
    });
    expect(response.status).toBe(400);
    expect(response.body.error.details.fields[0].field).toBe('country');
    expect((await api('GET', '/api/v1/addresses', { token: user.token })).body.items).toEqual([]);
  });
});

describe('the platform itself', () => {
  it('reports health, serves OpenAPI 3.1 generated from the routes, and the docs page', async () => {
    // The same handler as on AWS: what a function can check about itself.
    const health = await api('GET', '/api/v1/health');
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: 'ok', components: { table: 'up', configuration: 'up' } });
    // Every local component, which only the local platform has.
    const local = await api('GET', '/_local/health');
    expect(local.status).toBe(200);
    expect(Object.values(local.body.components).every((state) => state === 'up')).toBe(true);
    const openapi = await api('GET', '/api/v1/openapi.json');
    expect(openapi.body.openapi).toBe('3.1.0');
    expect(openapi.body.paths['/api/v1/seller/products'].post.requestBody).toBeDefined();
    expect(openapi.body.paths['/api/v1/products/{product_id}'].get['x-bazaar-auth']).toBe('public');
    // A rate-limited route says so in its contract.
    expect(openapi.body.paths['/api/v1/auth/login'].post.responses['429']).toBeDefined();
    expect(openapi.body.paths['/api/v1/health'].get.operationId).toBe('GetHealth');
    const docs = await api('GET', '/docs');
    expect(docs.status).toBe(200);
    expect(docs.headers.get('content-type')).toContain('text/html');
    expect(docs.text).toContain('swagger-ui');
    const script = docs.text.match(/<script src="([^"]+)"/)?.[1];
    expect(script).toBe('/docs/assets/swagger-ui-bundle.js');
    expect((await api('GET', script!)).status).toBe(200);
  });

  it('answers unknown routes as API Gateway does', async () => {
    const response = await api('GET', '/api/v1/definitely-not-a-route');
    expect(response.status).toBe(404);
  });
});
