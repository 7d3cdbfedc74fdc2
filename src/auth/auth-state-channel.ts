/**
 * The PostgreSQL channel on which triggers announce every change of who a bearer token stands
 * for (migration 1795574400401, which must keep this name): `{ "sessionId", "userId" }` when a
 * session ends or is deleted, `{ "userId", "role" }` when a user's role changes. Delivered at
 * commit, to every server process that LISTENs.
 */
export const AUTH_STATE_CHANNEL = 'auth_state';
