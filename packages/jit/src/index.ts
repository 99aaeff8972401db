// @ztab/jit: translation of hot guest code into WebAssembly (binaryen). jit.ts is the
// driver (regions, dispatch, invalidation, cache); codegen.ts and emitters.ts emit wasm.
export { Jit, SCRATCH_OFF, type JitOptions, type JitStats, type Mismatch } from './jit.ts';
export { EMITTERS } from './emitters.ts';
export { compileRegion } from './codegen.ts';
