/**
 * Resolves with `promise`'s value, or fails with `what` if it takes longer than `ms`: for the
 * tests that must prove a request is answered in time (never a timing ratio).
 */
export async function withinDeadline<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
