export { Kernel, Process, exitCode, type UserOptions } from './kernel.ts';
export type { UserHost, HostStat, HostDirent } from './host.ts';
export { parseElf, ElfError, type ElfImage } from './elf.ts';
export { UserCpu, AddressSpace } from './mm.ts';
