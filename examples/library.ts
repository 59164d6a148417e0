/**
 * The library used directly: author a circuit, scan it, run it on the local simulator and follow
 * it. Run with `pnpm example`. Swap the backend line for a real lab's URL and token.
 */
import '@coldatom/simulator';
import { backendFor, startRun } from '@coldatom/core';
import { coldAtomCircuit, scan } from '@coldatom/circuit-plugin';

const backend = backendFor('local:singlequdit');
// const backend = backendFor('https://qlued.alqor.io/api/v3/singlequdit', { token: process.env.COLDATOM_TOKEN });
const config = await backend.config();
const rabi = coldAtomCircuit('singlequdit').load(0, 50).rlx(0, 'theta').measure(0);
const { payload, parameters, points } = scan(rabi, { axes: { theta: { linspace: [0, Math.PI, 11] } } }, { shots: 200, config, seed: 1 });

const run = startRun(backend, payload, { scan: { parameters, points }, compiledAgainst: config });
run.jobs$.subscribe((job) => job.status$.subscribe((s) => console.log(`job ${job.jobId}: ${s.state ?? s.raw}`)));
run.progress$.subscribe((p) => console.log(`progress ${p.experimentsDone}/${p.experimentsTotal}`));
for (const outcome of await run.results()) {
  const memory = outcome.result.data.memory.map(Number);
  console.log(`theta = ${outcome.values?.theta?.toFixed(3)}: mean ${(memory.reduce((a, b) => a + b, 0) / memory.length).toFixed(2)} atoms transferred`);
}
