// A real OpenID Connect provider (oidc-provider) for Chairside's sign-in
// tests. Listens on 127.0.0.1 only; everything lives in memory and is gone
// when the process ends.
//
//   node server.mjs [PORT]     PORT 0 (the default) picks a free port
//
// Prints one line "READY <issuer>" on stdout once it accepts connections.
// Environment:
//   OIDC_ACCESS_TOKEN_TTL   access token lifetime in seconds (default 60),
//                           short so refresh can be tested
// Clients: chairside-test (RS256 ID tokens), chairside-test-es256, and
// chairside-test-google for the Google preset pointed at this server.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';

import Provider from 'oidc-provider';

const port = Number.parseInt(process.argv[2] ?? '0', 10);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`server.mjs: bad port '${process.argv[2]}'`);
  process.exit(2);
}
const accessTokenTtl = Number.parseInt(process.env.OIDC_ACCESS_TOKEN_TTL ?? '60', 10);

// Fresh signing keys per run, one per algorithm the client must verify.
function signingKey(type, options, alg) {
  const { privateKey } = generateKeyPairSync(type, options);
  const jwk = privateKey.export({ format: 'jwk' });
  return { ...jwk, kid: `${alg.toLowerCase()}-${randomBytes(4).toString('hex')}`, alg, use: 'sig' };
}
const jwks = {
  keys: [
    signingKey('rsa', { modulusLength: 2048 }, 'RS256'),
    signingKey('ec', { namedCurve: 'P-256' }, 'ES256'),
  ],
};

// A desktop app as RFC 8252 describes it: public, loopback redirect (any
// port), code flow with refresh tokens. One client per ID-token algorithm.
function nativeClient(clientId, idTokenAlg) {
  return {
    client_id: clientId,
    application_type: 'native',
    token_endpoint_auth_method: 'none',
    // The port is not compared for loopback redirects (RFC 8252 §7.3).
    // Microsoft's app registration uses localhost; the others 127.0.0.1.
    redirect_uris: [
      'http://127.0.0.1/callback',
      'http://127.0.0.1/cb/oidc',
      'http://127.0.0.1/cb/google',
      'http://localhost/cb/microsoft',
    ],
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    id_token_signed_response_alg: idTokenAlg,
  };
}

const googleLikeClient = 'chairside-test-google';

const server = createServer();
server.listen(port, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;

  const provider = new Provider(issuer, {
    clients: [
      nativeClient('chairside-test', 'RS256'),
      nativeClient('chairside-test-es256', 'ES256'),
      // For the Google preset pointed here: Google asks for no offline_access
      // scope but gives installed apps a refresh token for access_type=offline,
      // which Chairside always sends.
      nativeClient(googleLikeClient, 'RS256'),
    ],
    jwks,
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    // Any login name is an account; the e-mail lets the app say "connected as …".
    async findAccount(_ctx, sub) {
      return {
        accountId: sub,
        async claims() {
          return { sub, email: `${sub}@example.test`, email_verified: true, name: sub };
        },
      };
    },
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name'],
    },
    scopes: ['openid', 'email', 'profile', 'offline_access'],
    // Put the e-mail into the ID token as Google and Microsoft do.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    rotateRefreshToken: true,
    issueRefreshToken: async (_ctx, client, code) =>
      client.grantTypeAllowed('refresh_token')
      && (code.scopes.has('offline_access') || client.clientId === googleLikeClient),
    features: {
      devInteractions: { enabled: true },
      revocation: { enabled: true },
    },
    ttl: {
      AccessToken: accessTokenTtl,
      AuthorizationCode: 60,
      IdToken: 3600,
      RefreshToken: 14 * 24 * 3600,
      Grant: 14 * 24 * 3600,
      Interaction: 600,
      Session: 3600,
    },
  });

  server.on('request', provider.callback());
  console.log(`READY ${issuer}`);
});

// The test kills the process when it is done; exit quietly on a signal.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => process.exit(0));
}
