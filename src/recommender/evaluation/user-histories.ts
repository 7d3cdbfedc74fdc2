import { EntryGroups, Interactions } from '../interactions';
import { UserItem } from '../recommend-types';

/** A user's training entries as scoring input (`groups` from groupEntries over `train.users`). */
export function userItemsOf(train: Interactions, groups: EntryGroups, user: number): UserItem[] {
  const items: UserItem[] = [];
  for (let p = groups.start[user]; p < groups.start[user + 1]; p++) {
    const e = groups.order[p];
    items.push({ item: train.items[e], value: train.values[e], timestamp: train.timestamps[e] });
  }
  return items;
}

/** The latest timestamp in `data` (0 when empty): "now" for a model trained on it. */
export function latestTimestamp(data: Interactions): number {
  let latest = 0;
  for (const t of data.timestamps) latest = Math.max(latest, t);
  return latest;
}
