/**
 * Refuses to replace the demo catalog: real accounts gave feedback on its movies, which the
 * replacement would delete with them. Nothing was changed.
 */
export class DemoInUseError extends Error {
  constructor(
    /** Real (non-demo) accounts with ratings, watches or tags on demo movies. */
    readonly accounts: number,
    /** The first few of their ids, to find them. */
    readonly sampleIds: number[],
  ) {
    const ids = sampleIds.join(', ') + (accounts > sampleIds.length ? ', ...' : '');
    const who =
      accounts === 1 ? `1 real account (id ${ids})` : `${accounts} real accounts (ids ${ids})`;
    super(
      `the database holds the bundled demo catalog, which an import replaces, but ${who} ` +
        'rated, watched or tagged demo movies, and replacing the demo would delete that ' +
        'feedback. Import into an empty database instead (DATABASE_URL naming an empty ' +
        'database, or a new DATA_DIR), or remove that feedback first',
    );
    this.name = 'DemoInUseError';
  }
}
