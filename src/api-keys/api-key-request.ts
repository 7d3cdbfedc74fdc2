import type { IncomingHttpHeaders } from 'node:http';
import { ThrottleKeyed } from '../common/throttling/throttle-key';
import type { ApiKeyPrincipal } from './api-keys.service';

/**
 * The Node request as ApiKeyMiddleware leaves it: the key it carried, or why that was refused.
 * Guards reach it through rawRequest().
 */
export type ApiKeyRequest = ThrottleKeyed & {
  headers: IncomingHttpHeaders;
  apiKey?: ApiKeyPrincipal;
  apiKeyRejection?: string;
};
