/**
 * SimulatorServer throughput on 127.0.0.1: 64 concurrent clients each submit small singlequdit jobs
 * (v3) and poll them to DONE; a fixed number of jobs, so the run ends by itself. Also the same jobs
 * through `local:` in process, side by side, to show what the HTTP layer costs.
 */
import { SimulatorServer, LocalBackend } from '@coldatom/simulator';

const CLIENTS = 64;
const JOBS_PER_CLIENT = 8;
const payload = {
  experiment_0: {
    instructions: [
      ['load', [0], [50]],
      ['rlx', [0], [1.2]],
      ['measure', [0], []],
    ],
    shots: 100,
    num_wires: 1,
    wire_order: 'interleaved',
  },
};

async function viaHttp(base: string): Promise<void> {
  const post = async (): Promise<string> => {
    const res = await fetch(`${base}/api/v3/singlequdit/post_job`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ payload }),
    });
    return ((await res.json()) as { job_id: string }).job_id;
  };
  const waitDone = async (jobId: string): Promise<void> => {
    for (let i = 0; i < 10_000; i++) {
      const res = await fetch(`${base}/api/v3/singlequdit/get_job_status?job_id=${jobId}`);
      if (((await res.json()) as { status: string }).status === 'DONE') return;
      await new Promise((r) => setTimeout(r, 2));
    }
    throw new Error(`job ${jobId} did not finish`);
  };
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      for (let j = 0; j < JOBS_PER_CLIENT; j++) await waitDone(await post());
    }),
  );
}

async function inProcess(): Promise<void> {
  const backend = new LocalBackend('singlequdit');
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      for (let j = 0; j < JOBS_PER_CLIENT; j++) {
        const { jobId } = await backend.submit(payload as never);
        while ((await backend.jobStatus(jobId)).state !== 'DONE') await new Promise((r) => setTimeout(r, 2));
      }
    }),
  );
}

export async function run(): Promise<void> {
  const server = new SimulatorServer({ maxQueuedJobs: 10_000 });
  const base = await server.listen();
  const jobs = CLIENTS * JOBS_PER_CLIENT;
  let t = performance.now();
  await viaHttp(base);
  const httpSeconds = (performance.now() - t) / 1000;
  await server.close();
  t = performance.now();
  await inProcess();
  const localSeconds = (performance.now() - t) / 1000;
  console.log(`server: ${jobs} jobs (singlequdit, N = 50, 100 shots) from ${CLIENTS} concurrent clients on 127.0.0.1 (v3, polling every 2 ms)`);
  console.log(`  over HTTP: ${(jobs / httpSeconds).toFixed(0)} jobs/s (${httpSeconds.toFixed(2)} s)`);
  console.log(
    `  local: in process: ${(jobs / localSeconds).toFixed(0)} jobs/s (${localSeconds.toFixed(2)} s); HTTP costs ${(httpSeconds / localSeconds).toFixed(1)}× the time`,
  );
}
