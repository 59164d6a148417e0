import { coldAtomCircuit, linspace, scan } from '@coldatom/circuit-plugin';

const rabi = coldAtomCircuit('singlequdit').load(0, 50).rlx(0, 'theta').measure(0);
const twisting = coldAtomCircuit('multiqudit', { wires: 2 }).load(0, 10).load(1, 10).rlzlz([0, 1], 'J*t').measure(0).measure(1);

const { payload, parameters, points, warnings } = scan(rabi, { axes: { theta: { linspace: [0, Math.PI, 21] } } }, { shots: 200, seed: 7 });
// payload.experiment_0 … experiment_20; points[i] = { experiment: 'experiment_i', values: { theta } }
console.log(Object.keys(payload).length, parameters, points[20], warnings.length);

scan(twisting, { axes: { J: linspace(0, 1, 11), t: { values: [0.1, 0.2] } } }, { shots: 100 }); // 22 points, J slowest
scan(twisting, { axes: { J: [0, 1], t: [0.1, 0.2] }, zip: true }, { shots: 100 }); // 2 points
