/**
 * A finished job's result with its shots kept compact, as the workers produced them: per
 * experiment the distinct memory strings drawn and one index per shot. Memory strings are only
 * made where a caller needs them — a local job handle's own copy, or the result store's JSON text
 * written a slice at a time — so the thread that serves requests never does per-shot work when a
 * job finishes.
 */
import type { ReferenceBackendName } from '@coldatom/backend-config';
import { ColdAtomError } from '@coldatom/core/errors';
import { pythonJson } from '../server/python-json.js';
import { resultDocument, type NamedExperiment, type StoredExperimentResult, type StoredResult } from './job-documents.js';

/** An experiment's shots: `texts[picks[s]]` is the memory of shot s; `picks` null: one shot per text, in order. */
export interface CompactShots {
  readonly texts: readonly string[];
  readonly picks: Uint32Array | null;
}

/** A result document whose memories are empty, and every experiment's shots beside it. */
export interface CompactResult {
  readonly document: StoredResult;
  readonly shots: readonly CompactShots[];
}

/** A sink that takes compact results (the server's result store); the runner prefers it over `keep`. */
export interface CompactResultSink {
  keepCompact(jobId: string, result: CompactResult): Promise<void>;
}

export function isCompactResultSink(sink: object): sink is CompactResultSink {
  return typeof (sink as Partial<CompactResultSink>).keepCompact === 'function';
}

const NO_SHOTS: CompactShots = { texts: [], picks: null };

/**
 * Shot s names no drawn text. The per-shot loops check each read rather than trust it (the check
 * costs nothing measurable there): a result with a made-up memory is worse than no result.
 */
function unpicked(s: number, shots: CompactShots): ColdAtomError {
  return new ColdAtomError(`Shot ${s} picks outcome ${shots.picks?.[s] ?? s} of ${shots.texts.length}: the job's compact shots are inconsistent`);
}

/** The result of a finished job, as {@link resultDocument} makes it, with compact shots. */
export function compactResult(
  backend: ReferenceBackendName,
  jobId: string,
  experiments: readonly NamedExperiment[],
  shots: readonly CompactShots[],
): CompactResult {
  return { document: resultDocument(backend, jobId, experiments, []), shots: experiments.map((_, i) => shots[i] ?? NO_SHOTS) };
}

/** The memory strings of compact shots: a fresh array (one pointer store per shot). */
export function memoryOfShots(shots: CompactShots): string[] {
  const { texts, picks } = shots;
  if (!picks) return texts.slice();
  const out = new Array<string>(picks.length);
  for (let s = 0; s < picks.length; s++) {
    // s < picks.length, so `?? -1` never applies; a pick beyond `texts` would be a bug, caught below.
    const text = texts[picks[s] ?? -1];
    if (text === undefined) throw unpicked(s, shots);
    out[s] = text;
  }
  return out;
}

/** The result document with its memories made (fresh arrays; the document's other parts are shared). */
export function storedResultOf(result: CompactResult): StoredResult {
  const { document, shots } = result;
  return {
    ...document,
    results: document.results.map(
      (r, i): StoredExperimentResult => ({ ...r, data: { memory: memoryOfShots(shots[i] ?? NO_SHOTS), instructions: r.data.instructions } }),
    ),
  };
}

const FLOATS = { floatKeys: ['params'] } as const;

/**
 * The result's JSON text as the reference serves it, in pieces: exactly
 * `pythonJsonPieces(storedResultOf(result), { floatKeys: ['params'] })` joined, with each memory
 * written `sliceShots` shots at a time from the compact shots (each distinct string escaped once),
 * so a caller can yield between pieces. Keys are walked in the document's own order.
 */
export function* compactResultPieces(result: CompactResult, sliceShots = 8192): Generator<string, void, undefined> {
  const { document, shots } = result;
  yield* objectPieces(document as unknown as Record<string, unknown>, (key, value) => {
    if (key !== 'results') return undefined;
    return (function* (): Generator<string, void, undefined> {
      const results = value as readonly StoredExperimentResult[];
      yield '[';
      for (let i = 0; i < results.length; i++) {
        if (i > 0) yield ', ';
        yield* objectPieces(results[i] as unknown as Record<string, unknown>, (k, data) => {
          if (k !== 'data') return undefined;
          return objectPieces(data as Record<string, unknown>, (m) => (m === 'memory' ? memoryPieces(shots[i] ?? NO_SHOTS, sliceShots) : undefined));
        });
      }
      yield ']';
    })();
  });
}

/** An object's text, key by key; `special` may take over a key's value. */
function* objectPieces(
  value: Record<string, unknown>,
  special: (key: string, value: unknown) => Iterable<string> | undefined,
): Generator<string, void, undefined> {
  yield '{';
  let first = true;
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined) continue;
    yield `${first ? '' : ', '}${pythonJson(key)}: `;
    first = false;
    const own = special(key, item);
    if (own) yield* own;
    else yield pythonJson(item, FLOATS);
  }
  yield '}';
}

function* memoryPieces(shots: CompactShots, sliceShots: number): Generator<string, void, undefined> {
  const escaped = shots.texts.map((text) => pythonJson(text));
  const { picks } = shots;
  const count = picks ? picks.length : escaped.length;
  yield '[';
  for (let start = 0; start < count; start += sliceShots) {
    const end = Math.min(count, start + sliceShots);
    const slice = new Array<string>(end - start);
    for (let s = start; s < end; s++) {
      const text = escaped[picks ? (picks[s] ?? -1) : s];
      if (text === undefined) throw unpicked(s, shots);
      slice[s - start] = text;
    }
    yield `${start > 0 ? ', ' : ''}${slice.join(', ')}`;
  }
  yield ']';
}
