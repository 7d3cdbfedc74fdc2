/** Stops the embedded PostgreSQL that the global setup may have started. */
export default async function globalTeardown(): Promise<void> {
  const child = globalThis.embeddedPostgresForTests;
  if (!child || child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
