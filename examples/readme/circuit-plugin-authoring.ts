import { coldAtomCircuit } from '@coldatom/circuit-plugin';

const rabi = coldAtomCircuit('singlequdit').load(0, 50).rlx(0, 'theta').measure(0);

const twisting = coldAtomCircuit('multiqudit', { wires: 2 }).load(0, 10).load(1, 10).rlx(0, 'pi/2').rlzlz([0, 1], 'J*t').rlx(0, 'pi/2').measure(0).measure(1);

const hopping = coldAtomCircuit('fermions', { wireOrder: 'sequential' }) // spin up 0–3, down 4–7
  .load(0)
  .load(4)
  .fhop([0, 4, 1, 5], 'j') // tweezer 0 → 1, both spins
  .fint('all', 0.2)
  .measureAll();

export { hopping, rabi, twisting };
