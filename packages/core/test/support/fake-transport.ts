import type { BackendConfiguration } from '@coldatom/backend-config';
import type { BackendTransport, JobPayload, JobResultAnswer, JobStatus, RequestOptions, SubmitAnswer } from '@coldatom/core';

/** A normalized status as a transport returns it. */
export function statusOf(jobId: string, raw: string, errorMessage: string | null = null): JobStatus {
  const state = (['INITIALIZING', 'QUEUED', 'RUNNING', 'DONE', 'ERROR'] as const).find((s) => s === raw);
  return { jobId, state, raw, detail: null, errorMessage, bodyJobId: jobId };
}

/**
 * A scripted backend without HTTP: each job walks through `script`, one state per status call, and
 * stays on the last. Results name their job and experiment in `memory`, so reassembly can be checked.
 */
export class FakeTransport implements BackendTransport {
  readonly name = 'fake';
  readonly target = 'fake:test';
  statusCalls = 0;
  resultCalls = 0;
  /** The signal of every status request, in order. */
  readonly signals: AbortSignal[] = [];
  /** The signal of every result request, in order. */
  readonly resultSignals: AbortSignal[] = [];
  /** Payloads in submission order. */
  readonly submitted: JobPayload[] = [];
  /** What `config()` answers; change it to simulate drift. */
  configValue: BackendConfiguration | undefined;
  /** While set, every status answer waits for it (to observe requests in flight). */
  hold: Promise<void> | undefined;
  /** Replaces the scripted status answer (to model a misbehaving server). */
  answer: ((jobId: string, call: number, options?: RequestOptions) => Promise<JobStatus>) | undefined;
  readonly #script: readonly string[];
  readonly #progress = new Map<string, number>();
  readonly #payloads = new Map<string, JobPayload>();
  #next = 0;

  constructor(script: readonly string[] = ['INITIALIZING', 'DONE']) {
    this.#script = script;
  }

  config(): Promise<BackendConfiguration> {
    return this.configValue ? Promise.resolve(this.configValue) : Promise.reject(new Error('no config scripted'));
  }

  status(): Promise<undefined> {
    return Promise.resolve(undefined);
  }

  async submit(payload: JobPayload): Promise<SubmitAnswer> {
    const jobId = `job-${this.#next++}`;
    this.#payloads.set(jobId, payload);
    this.submitted.push(payload);
    return { jobId, status: statusOf(jobId, 'INITIALIZING') };
  }

  async jobStatus(jobId: string, options?: RequestOptions): Promise<JobStatus> {
    const call = ++this.statusCalls;
    if (options?.signal) this.signals.push(options.signal);
    if (this.hold) await this.hold;
    if (this.answer) return this.answer(jobId, call, options);
    const step = this.#progress.get(jobId) ?? 0;
    this.#progress.set(jobId, step + 1);
    const raw = this.#script[Math.min(step, this.#script.length - 1)]!;
    return statusOf(jobId, raw, raw === 'ERROR' ? 'None; boom' : null);
  }

  async jobResult(jobId: string, options?: RequestOptions): Promise<JobResultAnswer> {
    this.resultCalls++;
    if (options?.signal) this.resultSignals.push(options.signal);
    const names = Object.keys(this.#payloads.get(jobId) ?? { experiment_0: null });
    const results = names.map((name) => ({ header: { name }, shots: 1, success: true, data: { memory: [`${jobId}/${name}`] } }));
    // The result's own `status` is what current servers send for a finished job: never a completion signal.
    return { ready: true, result: { job_id: jobId, success: true, status: 'INITIALIZING', results } };
  }
}
