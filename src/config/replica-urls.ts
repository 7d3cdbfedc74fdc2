/**
 * Parses DATABASE_REPLICA_URLS: unset or empty is none; otherwise comma-separated
 * `postgres://user:password@host:port/database` URLs, each a streaming standby of DATABASE_URL's
 * server naming the same database. Throws a RangeError that says which entry is wrong and what
 * is accepted, never echoing an entry (they carry passwords).
 */
export function parseReplicaUrls(raw: string | undefined): string[] {
  const value = (raw ?? '').trim();
  if (value === '') return [];
  return value.split(',').map((entry, index) => {
    const url = entry.trim();
    const position = `entry ${index + 1}`;
    if (url === '')
      throw new RangeError(`${position} is empty: separate the URLs by single commas`);
    if (!isPostgresUrl(url)) {
      throw new RangeError(
        `${position} is not a postgres://user:password@host:port/database URL (value hidden)`,
      );
    }
    return url;
  });
}

function isPostgresUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (
      (url.protocol === 'postgres:' || url.protocol === 'postgresql:') &&
      url.hostname !== '' &&
      url.pathname.length > 1
    );
  } catch {
    return false;
  }
}
