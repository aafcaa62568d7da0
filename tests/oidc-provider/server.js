// # Test OpenID provider (tests only, never production)
//
// A tiny OpenID provider (the npm package oidc-provider) that the browser tests sign in through. In-memory, fresh keys
// on every start, http on 127.0.0.1 only. `npm ci` here installs it (.ci/run does); tests/AuthEvents.BrowserTests/
// OidcProvider.cs starts it for a test.
//
// ## Start
//   node server.js ['<json>']      the configuration as one JSON argument, else in $OIDC_PROVIDER_CONFIG, else defaults.
// Every key is optional (defaults shown):
//   {
//     "port": 0,                                  // 0 = a free port; always on 127.0.0.1
//     "exitWithStdin": false,                     // true: exit when stdin closes (a test's child: no orphan if it dies)
//     "apiAudience": "api://authevents",          // resource indicator = `aud` of JWT access tokens
//     "client": {                                 // the dashboard: authorization code + PKCE (S256, required)
//       "id": "authevents-dashboard", "secret": "dashboard-secret",
//       "tokenEndpointAuthMethod": "client_secret_post",          // or "client_secret_basic"
//       "redirectUris": ["http://127.0.0.1:*/signin-oidc", "https://127.0.0.1:*/signin-oidc",
//                        "http://localhost:*/signin-oidc", "https://localhost:*/signin-oidc"],
//       "postLogoutRedirectUris": [the same with /signout-callback-oidc]
//     },
//     "serviceClients": [                         // programs: client_credentials, JWT access token for apiAudience
//       { "id": "authevents-service", "secret": "service-secret", "roles": ["Analyst"], "groups": [],
//         "tokenEndpointAuthMethod": "client_secret_post" }
//     ]
//   }
// A redirect URI may use `*` as its port: it then matches that scheme, host and path on any port (the dashboard's
// test server picks a free port after the provider has started). Without `*` it must match exactly.
// Every client must authenticate at /token and /request (pushed authorization) with the method it is registered with:
// a secret in the body from a client_secret_basic client, or a Basic header from a client_secret_post one, is refused
// (401 invalid_client). oidc-provider alone would take either.
// Once it listens it prints one line to stdout, `listening http://127.0.0.1:<port>` (the issuer), and nothing more;
// diagnostics (never tokens) go to stderr. On Node 20, oidc-provider 9 warns "Unsupported runtime" there (it names
// Node 22 LTS); everything this file uses works on 20.
// Routes (oidc-provider's defaults): /.well-known/openid-configuration, /auth, /token, /me (userinfo), /jwks,
// /session/end. response_type `code` only; response_mode query (default) or form_post.
//
// ## Accounts (no password: any password, or none, is accepted)
//   login name     name                 roles                        groups
//   manager        Max Manager          ["Manager"]                  ["grp-managers"]
//   analyst        Ada Analyst          ["Analyst"]                  ["grp-analysts"]
//   investigator   Ivan Investigator    ["Investigator"]             ["grp-investigators"]
//   admin          Alice Admin          ["Admin"]                    ["grp-admins"]
//   multi          Mia Multi            ["Manager","Investigator"]   ["grp-managers","grp-investigators"]
//   nobody         Nora Nobody          []                           []
// sub = the login name, email = <login>@example.test (email_verified true), preferred_username = the login name.
// Scope `profile` releases name, preferred_username, roles and groups; scope `email` releases email and
// email_verified. They are in the ID token as well as at userinfo (conformIdTokenClaims: false).
//
// ## Pages (for Playwright)
//   Sign-in (GET /interaction/<uid>): form#login-form, input#login (name=login, prefilled from login_hint),
//     input#password (name=password, ignored), button#submit; button#abort cancels (access_denied back to the client).
//     An unknown login name shows the form again with p#login-error.
//   No consent page: the requested scopes are granted for every client.
//   Sign-out (RP-initiated logout, GET /session/end): no confirmation to click. The provider's page submits itself
//     (ending the whole provider session), then redirects (303) to post_logout_redirect_uri with `state`. That needs
//     id_token_hint or client_id, or else it shows the provider's own "Signed out" page (h1#signed-out): when neither is
//     sent, this server adds the dashboard's client_id itself.
//   Errors: h1#error, with pre#error-code and pre#error-description.
//
// ## Tokens
//   ID token (RS256): iss, sub, aud, exp, iat, nonce (when sent), plus the scope claims above; auth_time only when
//     max_age is sent. No sid (no front- or back-channel logout).
//   Browser client access token: opaque (for userinfo), unless the authorization request carried resource=<apiAudience>:
//     then a JWT for the API (roles, groups of the user), which userinfo refuses (the claims are in the ID token).
//   Client credentials: POST /token grant_type=client_credentials (resource optional, defaults to apiAudience):
//     JWT (typ at+jwt, RS256): iss, sub (= client id), client_id, aud (= apiAudience), iat, exp, jti, roles[, groups]
//     [, scope "api" when asked for]. Access tokens live an hour, ID tokens an hour, codes five minutes.
import * as crypto from 'node:crypto';
import * as http from 'node:http';

import Provider, { errors } from 'oidc-provider';

// oidc-provider writes its notices with console.info/log: stdout is reserved for the one `listening` line.
console.log = console.error;
console.info = console.error;

const ACCOUNTS = {
  manager: { name: 'Max Manager', roles: ['Manager'], groups: ['grp-managers'] },
  analyst: { name: 'Ada Analyst', roles: ['Analyst'], groups: ['grp-analysts'] },
  investigator: { name: 'Ivan Investigator', roles: ['Investigator'], groups: ['grp-investigators'] },
  admin: { name: 'Alice Admin', roles: ['Admin'], groups: ['grp-admins'] },
  multi: { name: 'Mia Multi', roles: ['Manager', 'Investigator'], groups: ['grp-managers', 'grp-investigators'] },
  nobody: { name: 'Nora Nobody', roles: [], groups: [] },
};

const AUTH_METHODS = new Set(['client_secret_post', 'client_secret_basic']);

function fail(message) {
  process.stderr.write(`oidc test provider: ${message}\n`);
  process.exit(2);
}

function readConfig() {
  const text = process.argv[2] ?? process.env.OIDC_PROVIDER_CONFIG ?? '{}';
  let given;
  try {
    given = JSON.parse(text);
  } catch (error) {
    fail(`the configuration is not JSON: ${error.message}`);
  }

  const loopbackUris = (path) => ['http', 'https'].flatMap((scheme) => ['127.0.0.1', 'localhost'].map((host) => `${scheme}://${host}:*${path}`));
  const client = {
    id: 'authevents-dashboard',
    secret: 'dashboard-secret',
    tokenEndpointAuthMethod: 'client_secret_post',
    redirectUris: loopbackUris('/signin-oidc'),
    postLogoutRedirectUris: loopbackUris('/signout-callback-oidc'),
    ...given.client,
  };
  const serviceClients = (given.serviceClients ?? [{ id: 'authevents-service', secret: 'service-secret', roles: ['Analyst'] }])
    .map((c) => ({ tokenEndpointAuthMethod: 'client_secret_post', roles: [], groups: [], ...c }));
  const config = { port: given.port ?? 0, exitWithStdin: given.exitWithStdin === true, apiAudience: given.apiAudience ?? 'api://authevents', client, serviceClients };

  if (!Number.isInteger(config.port) || config.port < 0 || config.port > 65535) fail('port must be an integer from 0 to 65535');
  for (const c of [client, ...serviceClients]) {
    if (typeof c.id !== 'string' || !c.id || typeof c.secret !== 'string' || !c.secret) fail('every client needs an id and a secret');
    if (!AUTH_METHODS.has(c.tokenEndpointAuthMethod)) fail(`client ${c.id}: tokenEndpointAuthMethod must be one of ${[...AUTH_METHODS].join(', ')}`);
  }
  if (new Set([client.id, ...serviceClients.map((c) => c.id)]).size !== serviceClients.length + 1) fail('client ids must differ');
  for (const c of serviceClients) {
    if (!Array.isArray(c.roles) || !Array.isArray(c.groups)) fail(`service client ${c.id}: roles and groups must be arrays`);
  }
  if (!URL.canParse(config.apiAudience)) fail('apiAudience must be an absolute URI');
  return config;
}

// `*` as the port matches any port; otherwise the URI must match exactly.
function uriMatcher(patterns) {
  const exact = new Set();
  const wildcards = [];
  for (const pattern of patterns) {
    const match = /^(https?:\/\/[^/:]+):\*(\/.*)?$/.exec(pattern);
    if (match) {
      wildcards.push({ origin: match[1], path: match[2] ?? '/' });
    } else if (URL.canParse(pattern)) {
      exact.add(pattern);
    } else {
      fail(`not a redirect URI: ${pattern}`);
    }
  }

  // What the client is registered with (oidc-provider wants plain URIs): the pattern without its port.
  const registered = [...exact, ...wildcards.map((w) => `${w.origin}${w.path}`)];
  const allows = (value) => {
    if (exact.has(value)) return true;
    const url = URL.parse(value);
    if (!url || url.hash || url.username || url.password) return false;
    return wildcards.some((w) => `${url.protocol}//${url.hostname}` === w.origin && url.pathname === w.path && url.search === '');
  };
  return { registered, allows };
}

const escapeHtml = (value) => String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title, body) {
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>${escapeHtml(title)}</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <style>body{font-family:sans-serif;max-width:32em;margin:2em auto}label,input,button{display:block;margin:.4em 0}input{width:100%}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>`;
}

function loginPage(uid, { clientId, loginHint, error }) {
  const accounts = Object.entries(ACCOUNTS)
    .map(([login, a]) => `<li><code>${escapeHtml(login)}</code>: ${escapeHtml(a.name)} (${escapeHtml(a.roles.join(', ') || 'no roles')})</li>`)
    .join('\n');
  return page('Sign in: test OpenID provider', `<h1>Sign in</h1>
<p>Test OpenID provider, for <strong>${escapeHtml(clientId)}</strong>. Any password, or none.</p>
${error ? `<p id="login-error" role="alert">${escapeHtml(error)}</p>` : ''}
<form id="login-form" method="post" action="/interaction/${escapeHtml(uid)}/login" autocomplete="off">
  <label for="login">Login name</label>
  <input id="login" name="login" type="text" required autofocus value="${escapeHtml(loginHint ?? '')}">
  <label for="password">Password</label>
  <input id="password" name="password" type="password">
  <button id="submit" type="submit">Sign in</button>
</form>
<form id="abort-form" method="post" action="/interaction/${escapeHtml(uid)}/abort">
  <button id="abort" type="submit">Cancel</button>
</form>
<h2>Accounts</h2>
<ul id="accounts">
${accounts}
</ul>`);
}

async function readText(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > 64 * 1024) throw new errors.InvalidRequest('request body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function readForm(req) {
  return new URLSearchParams(await readText(req));
}

function signingKeys() {
  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: crypto.randomUUID(), use: 'sig', alg: 'RS256' }] };
}

const config = readConfig();
const redirects = uriMatcher(config.client.redirectUris);
const postLogoutRedirects = uriMatcher(config.client.postLogoutRedirectUris);
const serviceClients = new Map(config.serviceClients.map((c) => [c.id, c]));

let handler = (_req, res) => {
  res.statusCode = 503;
  res.end();
};
const server = http.createServer((req, res) => handler(req, res));
server.on('error', (error) => fail(`cannot listen: ${error.message}`));
server.listen(config.port, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = createProvider(issuer);
  handler = provider.callback();
  process.stdout.write(`listening ${issuer}\n`);
});

function createProvider(issuer) {
  const apiServer = {
    scope: 'api',
    audience: config.apiAudience,
    accessTokenFormat: 'jwt',
    accessTokenTTL: 60 * 60,
    jwt: { sign: { alg: 'RS256' } },
  };

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: config.client.id,
        client_secret: config.client.secret,
        client_name: 'AuthEvents Dashboard (test)',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: redirects.registered,
        post_logout_redirect_uris: postLogoutRedirects.registered,
        token_endpoint_auth_method: config.client.tokenEndpointAuthMethod,
      },
      ...config.serviceClients.map((c) => ({
        client_id: c.id,
        client_secret: c.secret,
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
        token_endpoint_auth_method: c.tokenEndpointAuthMethod,
      })),
    ],
    clientAuthMethods: [...AUTH_METHODS],
    responseTypes: ['code'],
    jwks: signingKeys(),
    cookies: {
      keys: [crypto.randomBytes(32).toString('base64url')],
      // Cookies are per host, not per port: names of our own so they never meet the dashboard's on 127.0.0.1.
      names: { session: 'oidc_test_session', interaction: 'oidc_test_interaction', resume: 'oidc_test_resume' },
    },
    claims: {
      openid: ['sub'],
      profile: ['name', 'preferred_username', 'roles', 'groups'],
      email: ['email', 'email_verified'],
    },
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      rpInitiatedLogout: { enabled: true, logoutSource, postLogoutSuccessSource },
      resourceIndicators: {
        enabled: true,
        // Programs get the API without naming it; the browser client only when it asks (resource=...).
        defaultResource: (_ctx, client, oneOf) => oneOf ?? (serviceClients.has(client.clientId) ? config.apiAudience : undefined),
        getResourceServerInfo: (_ctx, indicator) => {
          if (indicator === config.apiAudience) return apiServer;
          throw new errors.InvalidTarget(`unknown resource ${indicator}`);
        },
        useGrantedResource: () => true,
      },
    },
    extraTokenClaims: async (_ctx, token) => {
      if (token.kind === 'ClientCredentials') {
        const c = serviceClients.get(token.clientId);
        return c ? { roles: c.roles, ...(c.groups.length ? { groups: c.groups } : {}) } : undefined;
      }
      const account = token.accountId && ACCOUNTS[token.accountId];
      return account ? { roles: account.roles, groups: account.groups } : undefined;
    },
    findAccount: (_ctx, sub) => {
      const account = Object.hasOwn(ACCOUNTS, sub) ? ACCOUNTS[sub] : undefined;
      if (!account) return undefined;
      return {
        accountId: sub,
        claims: () => ({
          sub,
          name: account.name,
          preferred_username: sub,
          email: `${sub}@example.test`,
          email_verified: true,
          roles: account.roles,
          groups: account.groups,
        }),
      };
    },
    // No consent screen: whatever the client asks for (scopes, claims, the API's scopes) is granted.
    loadExistingGrant: async (ctx) => {
      const { oidc } = ctx;
      const grantId = oidc.result?.consent?.grantId || oidc.session.grantIdFor(oidc.client.clientId);
      let grant = grantId ? await oidc.provider.Grant.find(grantId) : undefined;
      if (!grant || grant.accountId !== oidc.session.accountId) {
        grant = new oidc.provider.Grant({ clientId: oidc.client.clientId, accountId: oidc.session.accountId });
      }
      grant.addOIDCScope([...oidc.requestParamOIDCScopes].join(' '));
      if (oidc.requestParamClaims.size) grant.addOIDCClaims([...oidc.requestParamClaims]);
      for (const [indicator, resourceServer] of Object.entries(oidc.resourceServers)) {
        grant.addResourceScope(indicator, [...oidc.requestParamScopes].filter((s) => resourceServer.scopes.has(s)).join(' '));
      }
      await grant.save();
      return grant;
    },
    clientBasedCORS: () => false,
    renderError: async (ctx, out) => {
      ctx.type = 'html';
      ctx.body = page('Error: test OpenID provider', `<h1 id="error">Error</h1>
<pre id="error-code">${escapeHtml(out.error)}</pre>
<pre id="error-description">${escapeHtml(out.error_description ?? '')}</pre>`);
    },
    ttl: {
      AccessToken: 60 * 60,
      AuthorizationCode: 5 * 60,
      ClientCredentials: 60 * 60,
      IdToken: 60 * 60,
      Interaction: 60 * 60,
      Grant: 24 * 60 * 60,
      RefreshToken: 24 * 60 * 60,
      Session: 24 * 60 * 60,
    },
  });

  // `*` ports in redirect URIs (see the top of this file).
  provider.Client.prototype.redirectUriAllowed = function redirectUriAllowed(value) {
    return this.clientId === config.client.id && redirects.allows(value);
  };
  provider.Client.prototype.postLogoutRedirectUriAllowed = function postLogoutRedirectUriAllowed(value) {
    return this.clientId === config.client.id && postLogoutRedirects.allows(value);
  };

  // oidc-provider takes a client's secret from the body or the Authorization header whichever method the client is
  // registered with; this provider holds each client to its own, so a test of client_secret_basic proves the header.
  const authMethods = new Map([[config.client.id, config.client.tokenEndpointAuthMethod], ...config.serviceClients.map((c) => [c.id, c.tokenEndpointAuthMethod])]);
  const clientAuthPaths = new Set(['/token', '/request']);
  const basicClientId = (header) => {
    const match = /^basic\s+(\S+)$/i.exec(header ?? '');
    const pair = match ? Buffer.from(match[1], 'base64').toString('utf8') : '';
    return pair.includes(':') ? decodeURIComponent(pair.slice(0, pair.indexOf(':')).replace(/\+/g, ' ')) : undefined;
  };

  provider.use(async (ctx, next) => {
    // The browser asks every page's origin for one; an answer keeps a 404 out of the console the tests check.
    if (ctx.method === 'GET' && ctx.path === '/favicon.ico') {
      ctx.status = 204;
      return undefined;
    }
    if (ctx.method === 'POST' && clientAuthPaths.has(ctx.path) && ctx.is('application/x-www-form-urlencoded')) {
      const form = new URLSearchParams(await readText(ctx.req));
      const fromHeader = basicClientId(ctx.headers.authorization);
      const used = fromHeader !== undefined ? 'client_secret_basic' : form.has('client_secret') ? 'client_secret_post' : undefined;
      const registered = authMethods.get(fromHeader ?? form.get('client_id'));
      if (used && registered && used !== registered) {
        process.stderr.write(`oidc test provider: ${ctx.path}: client authenticated with ${used}, registered for ${registered}\n`);
        ctx.status = 401;
        ctx.body = { error: 'invalid_client', error_description: `this client must authenticate with ${registered}` };
        return undefined;
      }
      // oidc-provider reads an already-read body from here (it says so once on stderr).
      ctx.req.body = Object.fromEntries([...form.keys()].map((key) => {
        const values = form.getAll(key);
        return [key, values.length === 1 ? values[0] : values];
      }));
    }
    // RP-initiated logout without id_token_hint or client_id: it can only be the dashboard.
    if (ctx.method === 'GET' && ctx.path === '/session/end' && ctx.query.post_logout_redirect_uri && !ctx.query.id_token_hint && !ctx.query.client_id) {
      ctx.query = { ...ctx.query, client_id: config.client.id };
    }
    const match = /^\/interaction\/([\w-]+)(?:\/(login|abort))?$/.exec(ctx.path);
    if (!match) return next();
    ctx.set('cache-control', 'no-store');
    const [, uid, action] = match;
    try {
      const details = await provider.interactionDetails(ctx.req, ctx.res);
      if (details.uid !== uid) throw new errors.InvalidRequest('interaction mismatch');
      const { prompt, params } = details;
      if (prompt.name === 'consent') {
        // Not reached while loadExistingGrant grants everything; kept so that no consent page can ever show.
        const grant = details.grantId
          ? await provider.Grant.find(details.grantId)
          : new provider.Grant({ accountId: details.session.accountId, clientId: params.client_id });
        const { missingOIDCScope, missingOIDCClaims, missingResourceScopes } = prompt.details;
        if (missingOIDCScope) grant.addOIDCScope(missingOIDCScope.join(' '));
        if (missingOIDCClaims) grant.addOIDCClaims(missingOIDCClaims);
        for (const [indicator, scopes] of Object.entries(missingResourceScopes ?? {})) grant.addResourceScope(indicator, scopes.join(' '));
        const grantId = await grant.save();
        ctx.status = 303;
        ctx.redirect(await provider.interactionResult(ctx.req, ctx.res, { consent: { grantId } }, { mergeWithLastSubmission: true }));
        return undefined;
      }
      if (prompt.name !== 'login') throw new errors.InvalidRequest(`unsupported prompt ${prompt.name}`);

      if (ctx.method === 'GET' && !action) {
        ctx.type = 'html';
        ctx.body = loginPage(uid, { clientId: params.client_id, loginHint: params.login_hint });
        return undefined;
      }
      if (ctx.method !== 'POST' || !action) {
        ctx.status = 405;
        return undefined;
      }
      if (action === 'abort') {
        const result = { error: 'access_denied', error_description: 'the user cancelled the sign-in' };
        ctx.status = 303;
        ctx.redirect(await provider.interactionResult(ctx.req, ctx.res, result, { mergeWithLastSubmission: false }));
        return undefined;
      }
      const form = await readForm(ctx.req);
      const login = (form.get('login') ?? '').trim().toLowerCase();
      if (!Object.hasOwn(ACCOUNTS, login)) {
        ctx.status = 200;
        ctx.type = 'html';
        ctx.body = loginPage(uid, { clientId: params.client_id, loginHint: login, error: `Unknown login name "${login}".` });
        return undefined;
      }
      ctx.status = 303;
      ctx.redirect(await provider.interactionResult(ctx.req, ctx.res, { login: { accountId: login } }, { mergeWithLastSubmission: false }));
      return undefined;
    } catch (error) {
      process.stderr.write(`oidc test provider: interaction ${uid}: ${error.name}: ${error.message}\n`);
      ctx.status = error.statusCode ?? 500;
      ctx.type = 'html';
      ctx.body = page('Error: test OpenID provider', `<h1 id="error">Error</h1>
<pre id="error-code">${escapeHtml(error.error ?? error.name)}</pre>
<pre id="error-description">${escapeHtml(error.error_description ?? error.message)}</pre>`);
      return undefined;
    }
  });

  // Diagnostics for a failing test, on stderr; error names and descriptions only, never a token or a secret.
  for (const event of ['authorization.error', 'grant.error', 'end_session.error', 'userinfo.error', 'server_error']) {
    provider.on(event, (_ctx, error) => {
      process.stderr.write(`oidc test provider: ${event}: ${error.name}: ${error.error_description ?? error.message}\n`);
    });
  }

  return provider;
}

// The logout confirmation submits itself, ending the whole provider session (logout=yes): no button to click.
async function logoutSource(ctx, form) {
  ctx.type = 'html';
  const autoForm = form.replace('</form>', '<input type="hidden" name="logout" value="yes"/></form>');
  ctx.body = page('Signing out: test OpenID provider', `<h1 id="signing-out">Signing out</h1>
${autoForm}
<noscript><button id="logout-confirm" type="submit" form="op.logoutForm">Sign out</button></noscript>
<script>document.getElementById('op.logoutForm').submit();</script>`);
}

async function postLogoutSuccessSource(ctx) {
  ctx.type = 'html';
  ctx.body = page('Signed out: test OpenID provider', '<h1 id="signed-out">Signed out</h1>');
}

if (config.exitWithStdin) {
  process.stdin.on('end', () => process.exit(0));
  process.stdin.on('error', () => process.exit(0));
  process.stdin.resume();
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    server.close();
    process.exit(0);
  });
}
