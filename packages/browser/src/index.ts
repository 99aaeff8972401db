// The browser host of ztab: the machine in a Web Worker behind comlink, disks in IndexedDB.
export * from './protocol.ts';
export * from './host.ts';
export { formatRate, type RunState } from './rate.ts';
export { CHUNK } from './cow-disk.ts';
