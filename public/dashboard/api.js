// Calls to the server's JSON API with the signed-in admin's access token. The access token is
// kept in sessionStorage (this tab only, gone when it closes); the refresh token only in memory:
// it renews an expired access token while the page stays open, and ends the session on
// "Sign out". After a reload, an expired access token means signing in again.

const TOKEN_KEY = 'movie-recommender.dashboard.accessToken';
let refreshToken = null;
/** The renewal under way: refresh tokens are single use, so parallel calls share one. */
let renewing = null;

/** An answer other than 2xx: `status` and the server's message. */
export class ApiError extends Error {
  constructor(status, message, retryAfter) {
    super(message);
    this.status = status;
    this.retryAfter = retryAfter;
  }
}

export function hasToken() {
  return sessionStorage.getItem(TOKEN_KEY) !== null;
}

/**
 * The parsed JSON of a call to `path`; throws ApiError on a non-2xx answer. A 401 is retried
 * once with a renewed access token when this page holds a refresh token.
 */
export async function api(path, { method = 'GET', body } = {}) {
  try {
    return await send(path, method, body);
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401 || !(await renew())) throw error;
    return send(path, method, body);
  }
}

async function send(path, method, body) {
  const headers = { Accept: 'application/json' };
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const json = text ? parseJson(text) : null;
  if (!response.ok) {
    const message = (json && json.message) || `${response.status} ${response.statusText}`;
    throw new ApiError(response.status, message, response.headers.get('Retry-After'));
  }
  return json;
}

function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Exchanges the refresh token for new tokens (POST /v1/auth/refresh); false when it cannot. */
function renew() {
  if (refreshToken === null) return Promise.resolve(false);
  renewing ??= send('/v1/auth/refresh', 'POST', { refreshToken })
    .then((tokens) => {
      keep(tokens);
      return true;
    })
    .catch(() => {
      refreshToken = null;
      return false;
    })
    .finally(() => (renewing = null));
  return renewing;
}

function keep(tokens) {
  sessionStorage.setItem(TOKEN_KEY, tokens.accessToken);
  refreshToken = tokens.refreshToken;
}

/** Exchanges email and password for tokens (POST /v1/auth/login) and keeps them. */
export async function signIn(email, password) {
  sessionStorage.removeItem(TOKEN_KEY);
  refreshToken = null;
  keep(await send('/v1/auth/login', 'POST', { email, password }));
}

/** Forgets the tokens; ends the server's session too while this page holds its refresh token. */
export async function signOut() {
  if (refreshToken !== null && hasToken()) {
    await send('/v1/auth/logout', 'POST', { refreshToken }).catch(() => {});
  }
  refreshToken = null;
  sessionStorage.removeItem(TOKEN_KEY);
}
