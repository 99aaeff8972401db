// @ztab/devices: the I/O side of the s390-ccw-virtio machine (see io-system.ts).
export * from './backends.ts';
export * from './guest-ram.ts';
export * from './sclp-defs.ts';
export * from './event-facility.ts';
export * from './sclp-console.ts';
export * from './sclp.ts';
export * from './css.ts';
export * from './chsc.ts';
export * from './virtqueue.ts';
export * from './virtio.ts';
export * from './virtio-ccw.ts';
export * from './virtio-blk.ts';
export * from './virtio-net.ts';
export * from './virtio-console.ts';
export * from './virtio-rng.ts';
export * from './io-system.ts';
export type { IoHostExt } from './io-host-ext.ts';
