// A real OpenID Connect provider (oidc-provider, certified) on loopback, for the sign-in tests.
// Its login form accepts the users in OIDC_USERS (login -> claims, roles among them) with any password;
// the dashboard is a confidential client with the code flow, as with Entra ID, Keycloak or Google.
import Provider from 'oidc-provider';

const port = Number(process.env.OIDC_PORT);
const redirect = process.env.OIDC_REDIRECT_URI;
const rolesClaim = process.env.OIDC_ROLES_CLAIM || 'roles';
const users = JSON.parse(process.env.OIDC_USERS);

const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: [{
    client_id: 'zvh-dashboard',
    client_secret: process.env.OIDC_CLIENT_SECRET,
    redirect_uris: [redirect],
    post_logout_redirect_uris: [redirect],
    grant_types: ['authorization_code'],
    response_types: ['code'],
  }],
  // Roles travel in the ID token, as app roles do in Entra ID and realm roles (mapped) in Keycloak.
  claims: { openid: ['sub', rolesClaim], email: ['email', 'email_verified'], profile: ['name'] },
  conformIdTokenClaims: false,
  async findAccount(ctx, id) {
    if (!users[id]) return undefined;
    return { accountId: id, claims: async () => ({ sub: id, email_verified: true, ...users[id] }) };
  },
  // No consent screen: the office's own provider has approved its own dashboard.
  async loadExistingGrant(ctx) {
    const grant = new ctx.oidc.provider.Grant({ accountId: ctx.oidc.session.accountId, clientId: ctx.oidc.client.clientId });
    grant.addOIDCScope('openid email profile');
    await grant.save();
    return grant;
  },
  features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
  cookies: { keys: ['zvh-test-only'] },
});
// Streamlit asks for prompt=select_account, as Google and Entra ID accept; oidc-provider knows no account
// chooser, so the request goes on as a plain sign-in (the choice of account is the login form itself).
provider.use(async (ctx, next) => {
  if (ctx.path === '/auth' && ctx.query.prompt === 'select_account') {
    const { prompt, ...rest } = ctx.query;
    ctx.query = rest;
  }
  await next();
});
provider.listen(port, '127.0.0.1', () => console.log(`ready on ${port}`));
