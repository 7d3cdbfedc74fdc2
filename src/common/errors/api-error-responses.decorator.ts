import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { reasonPhrase } from './error-status';
import { ErrorResponseDto } from './error-response.dto';

export type DocumentedErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 429;

const DESCRIPTIONS: Record<DocumentedErrorStatus, string> = {
  400: 'Invalid input: the message names the offending field',
  401: 'Missing, malformed, tampered or expired access token, or its session has ended (or bad credentials)',
  403: 'The token is valid but lacks the needed role',
  404: 'No such resource',
  409: 'Conflicts with existing data',
  413: 'Request body over its limit: 100 KiB, 1 MiB on batch routes',
  429: 'Too many attempts; see Retry-After',
};

/** Documents error responses in the contract's `{ statusCode, error, message }` shape. */
export function ApiErrorResponses(
  ...statuses: DocumentedErrorStatus[]
): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: `${reasonPhrase(status)}: ${DESCRIPTIONS[status]}`,
        type: ErrorResponseDto,
      }),
    ),
  );
}
