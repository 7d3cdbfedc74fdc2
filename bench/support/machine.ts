import { cpus, loadavg, totalmem } from 'node:os';

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
  return `${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, Node ${machine.node}`;
}

/** 1-minute load average, to show how busy the shared machine was around a measurement. */
export function loadAverage(): number {
  return loadavg()[0];
}

/** "load average 1.2 → 3.4": before and after a benchmark (2 = both cores busy). */
export function describeLoad(before: number, after: number): string {
  return `1-min load average ${before.toFixed(1)} before, ${after.toFixed(1)} after (2.0 = both cores busy)`;
}
