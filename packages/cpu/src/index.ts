import { Cpu, type CpuOptions } from './cpu.ts';
import { DEFAULT_FACILITIES } from './facilities.ts';
import { SEMANTICS } from './semantics/index.ts';
import { createMemory } from './state.ts';

export * from './cpu.ts';
export * from './pgm.ts';
export type { IoHost, IoInterruption } from './io-host.ts';
export * from './state.ts';
export { DEFAULT_FACILITIES } from './facilities.ts';
export { SEMANTICS } from './semantics/index.ts';

/** A CPU with its own memory of `ramSize` bytes and the default facilities. */
export function createCpu(ramSize: number, opts: Partial<Omit<CpuOptions, 'ramSize'>> = {}): Cpu {
  const memory = opts.memory ?? createMemory(ramSize);
  return new Cpu({ ...opts, memory, ramSize, index: opts.index ?? 0, facilities: opts.facilities ?? DEFAULT_FACILITIES }, SEMANTICS);
}
