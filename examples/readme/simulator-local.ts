import '@coldatom/simulator'; // registers local:<name>
import { backendFor, type JobPayload } from '@coldatom/core';
import { probabilities } from '@coldatom/simulator';

const payload: JobPayload = {
  experiment_0: {
    instructions: [
      ['load', [0], [1]],
      ['rlx', [0], [Math.PI / 3]],
      ['measure', [0], []],
    ],
    shots: 100,
    num_wires: 1,
    wire_order: 'interleaved',
  },
};

const backend = backendFor('local:singlequdit'); // was: backendFor('https://…/api/v3/singlequdit', { token })
console.log(probabilities('singlequdit', payload)); // { experiment_0: { "0": 0.75, "1": 0.25 } }
console.log((await (await backend.submitJob(payload)).wait()).results[0]?.data.memory.length); // 100
