/** What a service key may do; a key holds one or more. */
export const API_KEY_SCOPES = ['recommendations:read', 'feedback:write', 'catalog:write'] as const;

export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** The header a service key travels in. */
export const API_KEY_HEADER = 'x-api-key';

/** The Swagger security scheme's name for the key (beside the bearer one). */
export const API_KEY_SECURITY = 'api-key';

/** Metadata: the scope a route needs of a key (set by @ApiKeyAuth()). */
export const API_KEY_SCOPE = 'apiKeyScope';
