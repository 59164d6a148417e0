import { referenceBackend } from '@coldatom/backend-config';
import { coldAtomCircuit, compileCircuits, compileExperiment } from '@coldatom/circuit-plugin';

const rabi = coldAtomCircuit('singlequdit').load(0, 50).rlx(0, 'theta').measure(0);
compileExperiment(rabi, { shots: 200, bindings: { theta: Math.PI } });
// { instructions: [['load', [0], [50]], ['rlx', [0], [3.141592653589793]], ['measure', [0], []]],
//   shots: 200, num_wires: 1, wire_order: 'interleaved' }

const circuitA = coldAtomCircuit('singlequdit').load(0, 50).rlx(0, 0.5).measure(0);
const circuitB = coldAtomCircuit('singlequdit').load(0, 50).rlx(0, 1.5).measure(0);
compileCircuits([circuitA, circuitB], { shots: 10, config: referenceBackend('singlequdit').config }); // experiment_0, experiment_1
