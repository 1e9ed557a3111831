// A deployment answers over the network, with cold starts and a full-strength password KDF:
// each sign-up alone can take seconds, past jest's 5 s default.
jest.setTimeout(60_000);
