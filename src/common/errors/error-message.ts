/** The message of a thrown value, which may not be an Error; for logs and CLI output. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
