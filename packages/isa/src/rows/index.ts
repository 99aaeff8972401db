import type { InsnDef } from '../table.ts';
import { bfp } from './bfp.ts';
import { control } from './control.ts';
import { decimal } from './decimal.ts';
import { general } from './general.ts';
import { system } from './system.ts';

/** The whole instruction table, all families. */
export const TABLE: readonly InsnDef[] = [...general, ...control, ...decimal, ...bfp, ...system];
