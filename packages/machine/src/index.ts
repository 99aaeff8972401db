// The machine package: whole-machine assembly (to come) and Linux user mode.
export * from './user/index.ts';
