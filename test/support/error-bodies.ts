/**
 * The body every 400 answers with (the contract's error shape); `message` may be a jest
 * matcher, such as expect.any(String).
 */
export function badRequest(message: unknown): Record<string, unknown> {
  return { statusCode: 400, error: 'Bad Request', message };
}
