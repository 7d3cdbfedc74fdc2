/**
 * Where, as root, the embedded PostgreSQL keeps what the `postgres` system user must reach but
 * cannot where the project lives (a clone under /root, a mode-700 home or `mktemp -d`): a copy of
 * the binaries and, when DATA_DIR itself is out of its reach, the cluster. /var/lib is for state
 * that must survive reboots (/tmp is emptied); the folder is root-owned and world-traversable,
 * and nobody but root can write to it, so no other account can plant binaries or data there.
 */
export const SHARED_STATE_DIR = '/var/lib/movie-recommender';
