import { Interactions, groupEntries } from '../interactions';

/**
 * Keeps at most `maxItems` interactions per user, the most recent ones (ties: later entry), for
 * the similarity computation only. Its cost is sum over users of n_u^2, so a few users with tens
 * of thousands of ratings would dominate training (ML-25M-shaped data: 93 G co-rating steps
 * uncapped, 3.8 G with a cap of 500) while adding little to the similarities. 0 = no cap.
 */
export function capUserHistories(
  data: Interactions,
  nUsers: number,
  maxItems: number,
): Interactions {
  if (maxItems === 0) return data;
  const groups = groupEntries(data.users, nUsers);
  const keep = new Uint8Array(data.users.length).fill(1);
  let dropped = 0;
  for (let u = 0; u < nUsers; u++) {
    const start = groups.start[u];
    const count = groups.start[u + 1] - start;
    if (count <= maxItems) continue;
    const entries = Array.from(groups.order.subarray(start, start + count));
    entries.sort((a, b) => data.timestamps[a] - data.timestamps[b] || a - b);
    for (const e of entries.slice(0, count - maxItems)) keep[e] = 0;
    dropped += count - maxItems;
  }
  if (dropped === 0) return data;
  const positions = new Int32Array(data.users.length - dropped);
  for (let e = 0, p = 0; e < keep.length; e++) if (keep[e]) positions[p++] = e;
  return {
    users: positions.map((e) => data.users[e]),
    items: positions.map((e) => data.items[e]),
    values: Float32Array.from(positions, (e) => data.values[e]),
    timestamps: Float64Array.from(positions, (e) => data.timestamps[e]),
  };
}
