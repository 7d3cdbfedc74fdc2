/** A WAL position as PostgreSQL prints it (`16/B374D848`: the high and low 32 bits, in hex). */
export function parseLsn(text: string): bigint {
  const match = /^([0-9A-F]{1,8})\/([0-9A-F]{1,8})$/i.exec(text);
  if (!match) throw new RangeError(`"${text}" is not a WAL position (pg_lsn)`);
  return (BigInt(`0x${match[1]}`) << 32n) | BigInt(`0x${match[2]}`);
}

interface Sample {
  /** When the primary's position was first seen at `lsn` (monotonic ms). */
  atMs: number;
  lsn: bigint;
}

/**
 * The primary's WAL position over time, sampled by the replica checker, to say how far behind
 * the primary a standby's replay position is, in milliseconds:
 *
 *   lag = now − (the time the primary was first seen past the standby's replay position)
 *
 * which is 0 when the standby has replayed everything the primary had at the last sample.
 * Why not `now() - pg_last_xact_replay_timestamp()` on the standby: that is the age of the last
 * transaction replayed, so it grows without bound on an idle primary (nothing new to replay)
 * and would skip a standby that is fully caught up; it also compares two servers' clocks.
 * Comparing WAL positions is exact about "caught up", and the time comes from this process's
 * clock only. The estimate is low by at most one sampling interval (the primary may have passed
 * the position any time after the sample before), which the read-your-writes window allows for.
 */
export class WalTimeline {
  /** Ascending in both time and position: a sample is kept only when the position moved. */
  private readonly samples: Sample[] = [];

  /** `keepMs`: how much history to keep; any lag past it reads as at least `keepMs`. */
  constructor(private readonly keepMs: number) {}

  record(atMs: number, lsn: bigint): void {
    const last = this.samples.at(-1);
    if (last && lsn <= last.lsn) return;
    this.samples.push({ atMs, lsn });
    // Keep the newest sample at least keepMs old, so that a standby behind every kept sample
    // still reads as lagging by keepMs or more.
    while (this.samples.length > 1 && this.samples[1].atMs <= atMs - this.keepMs) {
      this.samples.shift();
    }
  }

  /** How far behind a standby replayed up to `replayLsn` is at `atMs`; 0 before any sample. */
  lagMs(replayLsn: bigint, atMs: number): number {
    const last = this.samples.at(-1);
    if (!last || replayLsn >= last.lsn) return 0;
    // Few samples (keepMs / the check interval at most): a scan is enough.
    const firstPast = this.samples.find((sample) => sample.lsn > replayLsn) ?? last;
    return Math.max(0, atMs - firstPast.atMs);
  }
}
