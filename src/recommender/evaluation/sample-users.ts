import { Interactions, groupEntries } from '../interactions';
import { createSeededRandom, shuffleRange } from '../seeded-random';

/**
 * Keeps whole users, in a seeded random order, until about `maxInteractions` entries are kept:
 * the sample the server evaluates on when the data set is large (every user's history stays
 * intact, so the per-movie split behaves as on the full data). Returns `data` itself when it is
 * already small enough.
 */
export function sampleUsers(
  data: Interactions,
  nUsers: number,
  maxInteractions: number,
  seed: number,
): Interactions {
  const n = data.users.length;
  if (n <= maxInteractions) return data;
  const groups = groupEntries(data.users, nUsers);
  const userOrder = Int32Array.from({ length: nUsers }, (_, u) => u);
  shuffleRange(userOrder, 0, nUsers, createSeededRandom(seed));
  const keep = new Uint8Array(nUsers);
  let kept = 0;
  for (const user of userOrder) {
    if (kept >= maxInteractions) break;
    keep[user] = 1;
    kept += groups.start[user + 1] - groups.start[user];
  }
  const positions: number[] = [];
  for (let e = 0; e < n; e++) if (keep[data.users[e]]) positions.push(e);
  const pick = <T extends Int32Array | Float32Array | Float64Array>(column: T, out: T): T => {
    positions.forEach((e, p) => (out[p] = column[e]));
    return out;
  };
  return {
    users: pick(data.users, new Int32Array(positions.length)),
    items: pick(data.items, new Int32Array(positions.length)),
    values: pick(data.values, new Float32Array(positions.length)),
    timestamps: pick(data.timestamps, new Float64Array(positions.length)),
  };
}
