import '@coldatom/simulator'; // registers local:<name> backends
import { backendFor, startRun } from '@coldatom/core';
import { coldAtomCircuit, scan } from '@coldatom/circuit-plugin';

const backend = backendFor('local:singlequdit');
// const backend = backendFor('https://qlued.alqor.io/api/v3/singlequdit', { token }); // the real one
const config = await backend.config();
const rabi = coldAtomCircuit('singlequdit').load(0, 50).rlx(0, 'theta').measure(0);
const { payload, parameters, points } = scan(rabi, { axes: { theta: { linspace: [0, Math.PI, 11] } } }, { shots: 200, config });

const run = startRun(backend, payload, { scan: { parameters, points }, compiledAgainst: config });
run.progress$.subscribe((p) => console.log(`${p.experimentsDone}/${p.experimentsTotal}`));
for (const outcome of await run.results()) console.log(outcome.values, outcome.result.data.memory.slice(0, 3));
