// The machine package: whole-machine assembly (config, IPL, run loop) and Linux user mode.
export * from './user/index.ts';
export * from './config.ts';
export * from './events.ts';
export * from './ipl.ts';
export * from './machine.ts';
export * from './memory-block.ts';
