import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { REPO_ROOT } from './paths';

/** The machine a benchmark ran on, as its table header shows it. */
export interface MachineInfo {
  cores: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
}

export function machineInfo(): MachineInfo {
  const list = cpus();
  return {
    cores: list.length,
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  };
}

export function describeMachine(machine: MachineInfo = machineInfo()): string {
  return `${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, Node ${machine.node}, code at ${sourceRevision()}`;
}

/** 1-minute load average, to show how busy the shared machine was around a measurement. */
export function loadAverage(): number {
  return loadavg()[0];
}

/** "load average 1.2 → 3.4": before and after a benchmark (2 = both cores busy). */
export function describeLoad(before: number, after: number): string {
  return `1-min load average ${before.toFixed(1)} before, ${after.toFixed(1)} after (2.0 = both cores busy)`;
}

/**
 * The commit the code under test comes from, "+ uncommitted src/ changes" when the work tree
 * differs (several people work in one checkout: the figures belong to what was built).
 */
export function sourceRevision(): string {
  try {
    const git = (args: string[]): string =>
      execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
    const dirty = git(['status', '--porcelain', '--', 'src']) !== '';
    return `${git(['rev-parse', '--short', 'HEAD'])}${dirty ? ' + uncommitted src/ changes' : ''}`;
  } catch {
    return 'unknown revision';
  }
}
