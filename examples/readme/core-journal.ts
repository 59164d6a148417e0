import { backendFor, FileJobJournal, startRun, type JobPayload } from '@coldatom/core';

const token = process.env.COLDATOM_TOKEN;
const payload: JobPayload = {
  experiment_0: {
    instructions: [
      ['load', [0], [50]],
      ['rlx', [0], [Math.PI / 2]],
      ['measure', [0], []],
    ],
    shots: 100,
    num_wires: 1,
    wire_order: 'interleaved',
  },
};

const journal = new FileJobJournal(`${process.env.HOME}/.config/coldatom/journal`);
const backend = backendFor('https://qlued.alqor.io/api/v3/singlequdit', { token, jobs: { journal } });
const config = await backend.config();

const job = await backend.submitJob(payload, { notes: 'Rabi, 50 atoms', tags: ['rabi'] }); // journaled before it resolves
job.status$.subscribe((s) => console.log(s.state, s.raw)); // INITIALIZING … DONE, one line per change
job.events$.subscribe((e) => e.type === 'stalled' && console.warn(`${job.jobId} makes no progress`));
const result = await job.wait({ timeoutMs: 600_000 }); // or job.result$.subscribe(…)
console.log(result.results.length);

// Another process, later: re-attach to every unfinished job.
const handles = await journal.resume((target) => backendFor(target, { token }));
console.log(handles.length);

// A scan of any size: split by max_experiments, at most maxActiveJobs unfinished, results in order.
const scan = { parameters: ['theta'], points: [{ experiment: 'experiment_0', values: { theta: Math.PI / 2 } }] };
const run = startRun(backend, payload, { scan, compiledAgainst: config });
run.progress$.subscribe((p) => console.log(`${p.experimentsDone}/${p.experimentsTotal}`, p.jobs, p.queuePositions));
for (const { experiment, values, result } of await run.results()) console.log(experiment, values, result.data.memory);
