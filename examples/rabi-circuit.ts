/**
 * A circuit written in TypeScript, for scan specs that name a module (`examples/rabi-module.json`).
 * The installed `coldatom` command loads `.ts` modules itself; no TypeScript tooling is needed.
 */
import { coldAtomCircuit } from '@coldatom/circuit-plugin';

/** Load 50 atoms, rotate by `theta` around x, count the atoms. */
export const circuit = coldAtomCircuit('singlequdit').load(0, 50).rlx(0, 'theta').measure(0);
