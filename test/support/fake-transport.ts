import type { BackendConfiguration } from '@coldatom/backend-config';
import type { BackendTransport, JobPayload, JobResultAnswer, JobStatus, RequestOptions } from '@coldatom/core';

/** A scripted backend: each job walks through its list of states, one per status call. */
export class FakeTransport implements BackendTransport {
  readonly name = 'fake';
  readonly target = 'fake:test';
  statusCalls = 0;
  resultCalls = 0;
  readonly signals: AbortSignal[] = [];
  #next = 0;
  readonly #scripts = new Map<string, string[]>();
  readonly #script: readonly string[];
  readonly #payloads = new Map<string, JobPayload>();
  /** What `config()` answers; change it to simulate drift. */
  configValue: BackendConfiguration | undefined;
  /** Payloads in submission order. */
  readonly submitted: JobPayload[] = [];
  /** Set to delay every status answer until released (to observe in-flight requests). */
  hold: Promise<void> | undefined;

  constructor(script: readonly string[] = ['INITIALIZING', 'DONE']) {
    this.#script = script;
  }

  config(): Promise<BackendConfiguration> {
    return this.configValue ? Promise.resolve(this.configValue) : Promise.reject(new Error('no config scripted'));
  }
  status(): Promise<undefined> {
    return Promise.resolve(undefined);
  }
  async submit(payload: JobPayload): Promise<{ jobId: string; status: JobStatus }> {
    const jobId = `job-${this.#next++}`;
    this.#payloads.set(jobId, payload);
    this.submitted.push(payload);
    this.#scripts.set(jobId, [...this.#script]);
    return { jobId, status: statusOf(jobId, 'INITIALIZING') };
  }
  async jobStatus(jobId: string, options?: RequestOptions): Promise<JobStatus> {
    this.statusCalls++;
    if (options?.signal) this.signals.push(options.signal);
    if (this.hold) await this.hold;
    const script = this.#scripts.get(jobId) ?? [...this.#script];
    this.#scripts.set(jobId, script);
    const raw = script.length > 1 ? script.shift()! : script[0]!;
    return statusOf(jobId, raw, raw === 'ERROR' ? 'None; boom' : null);
  }
  async jobResult(jobId: string): Promise<JobResultAnswer> {
    this.resultCalls++;
    // Each experiment's memory names the job and experiment, so tests can check reassembly.
    const names = Object.keys(this.#payloads.get(jobId) ?? { experiment_0: null });
    const results = names.map((name) => ({ header: { name }, shots: 1, success: true, data: { memory: [names.length > 1 || this.#payloads.has(jobId) ? `${jobId}/${name}` : '1'] } }));
    return { ready: true, result: { job_id: jobId, success: true, results } };
  }
}

/** A normalized status as a transport returns it. */
export function statusOf(jobId: string, raw: string, errorMessage: string | null = null): JobStatus {
  const state = (['INITIALIZING', 'QUEUED', 'RUNNING', 'DONE', 'ERROR'] as const).find((s) => s === raw);
  return { jobId, state, raw, detail: null, errorMessage, bodyJobId: jobId };
}
