// The Web Worker entry: one MachineHost behind comlink.
import * as Comlink from 'comlink';
import { MachineHost } from './machine-worker.ts';

Comlink.expose(new MachineHost());
