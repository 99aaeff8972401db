// The page side: starts the machine worker and wraps it with comlink.
import * as Comlink from 'comlink';
import type { HostEvents, MachineApi } from './protocol.ts';

export type RemoteMachine = Comlink.Remote<MachineApi>;

export interface MachineWorker {
  api: RemoteMachine;
  worker: Worker;
  terminate(): void;
}

/**
 * Starts the worker (bundled by Vite from worker.ts) and hands it the page's event
 * callbacks. Console bytes arrive transferred, in batches, one batch in flight at a time.
 */
export async function startMachineWorker(events: HostEvents): Promise<MachineWorker> {
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'ztab-machine' });
  const api = Comlink.wrap<MachineApi>(worker);
  await api.connect(Comlink.proxy(events));
  return { api, worker, terminate: () => worker.terminate() };
}

/** Bytes for the worker without a copy (the caller gives them up). */
export function transferBytes(b: Uint8Array): Uint8Array {
  return Comlink.transfer(b, [b.buffer as ArrayBuffer]);
}

/** `value` for the worker, with `buffers` moved rather than copied. */
export function transferring<T>(value: T, buffers: ArrayBuffer[]): T {
  return Comlink.transfer(value, buffers);
}
