import type { Server } from 'node:http';

/**
 * Stops accepting connections and resolves once the in-flight requests have been answered, or
 * after `timeoutMs`, when the connections still open are cut. Idle keep-alive connections are
 * closed as soon as their last response is out.
 */
export function stopAccepting(server: Server, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const sweep = setInterval(() => server.closeIdleConnections(), 100);
    const deadline = setTimeout(() => server.closeAllConnections(), timeoutMs);
    server.close(() => {
      clearInterval(sweep);
      clearTimeout(deadline);
      resolve();
    });
    server.closeIdleConnections();
  });
}
