// Calls to the server's JSON API with the signed-in admin's access token. The access token is
// kept in sessionStorage (this tab only, gone when it closes); the refresh token only in memory,
// to end the session on "Sign out".

const TOKEN_KEY = 'movie-recommender.dashboard.accessToken';
let refreshToken = null;

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

/** The parsed JSON of a GET (or other method) to `path`; throws ApiError on a non-2xx answer. */
export async function api(path, { method = 'GET', body } = {}) {
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

/** Exchanges email and password for tokens (POST /v1/auth/login) and keeps them. */
export async function signIn(email, password) {
  sessionStorage.removeItem(TOKEN_KEY);
  const tokens = await api('/v1/auth/login', { method: 'POST', body: { email, password } });
  sessionStorage.setItem(TOKEN_KEY, tokens.accessToken);
  refreshToken = tokens.refreshToken;
}

/** Forgets the token; ends the server's session too while this page still holds its refresh token. */
export async function signOut() {
  if (refreshToken !== null && hasToken()) {
    await api('/v1/auth/logout', { method: 'POST', body: { refreshToken } }).catch(() => {});
  }
  refreshToken = null;
  sessionStorage.removeItem(TOKEN_KEY);
}
