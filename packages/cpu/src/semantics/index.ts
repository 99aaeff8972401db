import type { Semantics } from '../cpu.ts';
import { bfp } from './bfp.ts';
import { control } from './control.ts';
import { decimal } from './decimal.ts';
import { general } from './general.ts';
import { system } from './system.ts';

/** Every instruction's semantics, keyed by table mnemonic. */
export const SEMANTICS: Semantics = { ...general, ...control, ...decimal, ...bfp, ...system };
