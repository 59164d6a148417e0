import { backendFor, isTerminalState } from '@coldatom/core';

const backend = backendFor('https://qlued.alqor.io/api/v3/singlequdit', { token: process.env.COLDATOM_TOKEN });
const { jobId } = await backend.submit({
  experiment_0: {
    instructions: [
      ['load', [0], [50]],
      ['rlx', [0], [Math.PI]],
      ['measure', [0], []],
    ],
    shots: 100,
    num_wires: 1,
    wire_order: 'interleaved',
  },
});
let status = await backend.jobStatus(jobId);
while (!status.state || !isTerminalState(status.state)) status = await backend.jobStatus(jobId);
const answer = await backend.jobResult(jobId); // { ready: true, result } once DONE
console.log(status.state, answer.ready);
