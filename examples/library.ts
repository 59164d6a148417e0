/**
 * The library used directly, without the CLI: author a Rabi circuit with the circuit plugin, scan
 * the rotation angle, submit the scan as one job to the embedded simulator and follow it through
 * its observables.
 *
 *   pnpm tsx --conditions=@coldatom/source examples/library.ts
 *
 * For a real lab, change the backend line to its URL (the token comes from COLDATOM_TOKEN):
 *   backendFor('https://qlued.alqor.io/api/v3/singlequdit', { token: process.env.COLDATOM_TOKEN })
 */
import '@coldatom/simulator'; // registers the local:<name> backends
import { backendFor, decodeMemory } from '@coldatom/core';
import { coldAtomCircuit, scan } from '@coldatom/circuit-plugin';

const backend = backendFor('local:singlequdit');
const config = await backend.config();

// load 50 atoms, rotate by theta around x, count the atoms that left the initial state
const rabi = coldAtomCircuit('singlequdit').load(0, 50).rlx(0, 'theta').measure(0);
const { payload, points } = scan(rabi, { axes: { theta: { linspace: [0, Math.PI, 11] } } }, { shots: 200, config, seed: 1 });

const job = await backend.submitJob(payload);
console.log(`submitted job ${job.jobId} with ${points.length} experiments`);

job.status$.subscribe((status) => console.log(`status: ${status.state ?? status.raw}`));

await new Promise<void>((resolve, reject) => {
  job.result$.subscribe({
    next: (result) => {
      result.results.forEach((experiment, i) => {
        const shots = decodeMemory(experiment.data.memory).map(([atoms]) => atoms ?? 0);
        const mean = shots.reduce((a, b) => a + b, 0) / shots.length;
        console.log(`theta = ${points[i]!.values.theta!.toFixed(3)}: ${mean.toFixed(2)} of 50 atoms transferred`);
      });
    },
    error: reject,
    complete: resolve,
  });
});
