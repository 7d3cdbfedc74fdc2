import { ThrottleKeyedRequest } from '../common/throttling/throttle-key';
import type { ApiKeyPrincipal } from './api-keys.service';

/** A request as ApiKeyMiddleware leaves it: the key it carried, or why that was refused. */
export type ApiKeyRequest = ThrottleKeyedRequest & {
  apiKey?: ApiKeyPrincipal;
  apiKeyRejection?: string;
};
