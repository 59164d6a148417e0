/**
 * Every protocol object in the golden vectors, through both validators: zod (what enters
 * TypeScript) and ajv over the committed JSON Schemas (what other languages would use). Each
 * object must get the verdict the vector implies, and both validators must agree.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { BackendConfiguration, BackendStatus } from '@coldatom/backend-config';
import { JobPayload, JobResult, StatusMessage } from '@coldatom/core';
import { classifyBody } from '@coldatom/core/internal';
import { ajvValidator } from './support/ajv.js';
import { VECTORS_DIR, listVectors, promisedFileCounts, readVector } from './support/vectors.js';

interface Check {
  readonly what: string;
  readonly schema: z.ZodType;
  readonly file: string;
  readonly value: unknown;
  readonly accept: boolean;
}

const SCHEMA_FILES = new Map<z.ZodType, string>([
  [JobPayload, 'job-payload.schema.json'],
  [StatusMessage, 'status-message.schema.json'],
  [JobResult, 'job-result.schema.json'],
  [BackendConfiguration, 'backend-configuration.schema.json'],
  [BackendStatus, 'backend-status.schema.json'],
]);

const accept = (what: string, schema: z.ZodType, value: unknown): Check => ({ what, schema, file: SCHEMA_FILES.get(schema)!, value, accept: true });
const reject = (what: string, schema: z.ZodType, value: unknown): Check => ({ ...accept(what, schema, value), accept: false });

type Vector = Record<string, unknown>;

/** The protocol objects a vector file holds, with the verdict each must get. Throws for a file form it does not know. */
function checksFor(file: string): Check[] {
  const v = readVector<Vector | unknown[]>(file);
  const [folder] = file.split('/');
  if (folder === 'configs') {
    if (file.endsWith('backends-list.json')) return (v as unknown[]).map((c, i) => accept(`entry ${i}`, BackendConfiguration, c));
    return [accept('config', BackendConfiguration, v)];
  }
  const vector = v as Vector;
  if (file === 'payloads/qca-two-circuits.json') return [accept('payload', JobPayload, vector.payload)];
  if (file === 'payloads/wire-order.json') {
    // Holds wire-conversion cases, no protocol object: the circuit plugin's compiler tests use them.
    expect((vector.cases as unknown[]).length).toBeGreaterThan(0);
    return [];
  }
  if (folder === 'requests') {
    const checks = [accept('payload input', JobPayload, vector.payload)];
    const body = vector.bodyObject as Vector | undefined;
    if (body && 'payload' in body) checks.push(accept('v3 body payload', JobPayload, body.payload));
    if (body && typeof body.job === 'string') checks.push(accept('inner job string', JobPayload, JSON.parse(body.job)));
    return checks;
  }
  if (file.startsWith('responses/status/')) {
    if (file.endsWith('backend-status.json')) return [accept('body', BackendStatus, vector.body)];
    return [accept('body', StatusMessage, vector.body)];
  }
  if (file.startsWith('responses/result/')) {
    const kind = classifyBody(vector.body).kind;
    // A result also carries job_id and status, so only its `results` key tells it apart (classifyBody).
    if (kind === 'result') return [accept('result body', JobResult, vector.body)];
    if (kind === 'status') return [accept('status-shaped body', StatusMessage, vector.body), reject('status-shaped body as result', JobResult, vector.body)];
    throw new Error(`${file}: a result answer must be a result or status-shaped (was ${kind})`);
  }
  if (file.startsWith('responses/errors/')) {
    if (vector.body === null) {
      expect(() => JSON.parse(vector.raw as string)).toThrow();
      return [];
    }
    const kind = classifyBody(vector.body).kind;
    return kind === 'status' ? [accept('status-shaped error body', StatusMessage, vector.body)] : [reject('ninja body as status', StatusMessage, vector.body)];
  }
  if (folder === 'validation') {
    // Server-side verdicts are checked by the backend-config validation engine; here the point is
    // that zod and ajv agree on the strict emitted-payload schema for every case.
    const cases = vector.cases as { name: string; payload: unknown; ok: boolean }[];
    return cases.map((c) => {
      const zodVerdict = JobPayload.safeParse(c.payload).success;
      return (zodVerdict ? accept : reject)(`case ${c.name}`, JobPayload, c.payload);
    });
  }
  throw new Error(`no parity rule for vector file ${file}`);
}

const FOLDERS = ['configs', 'payloads', 'requests', 'responses', 'validation'];

describe('golden vectors', () => {
  it('are all present (the vectors README file counts)', () => {
    const counts = promisedFileCounts();
    for (const [folder, count] of Object.entries(counts)) {
      if (!FOLDERS.includes(folder.split('/')[0]!)) continue;
      const files = readdirSync(path.join(VECTORS_DIR, folder), { withFileTypes: true }).filter((d) => d.isFile());
      expect(files.length, `files in ${folder}`).toBe(count);
    }
  });

  for (const file of FOLDERS.flatMap(listVectors)) {
    it(`${file}: zod and ajv give the expected verdict on every object`, () => {
      for (const check of checksFor(file)) {
        const zodOk = check.schema.safeParse(check.value).success;
        const validate = ajvValidator(check.file);
        const ajvOk = validate(check.value);
        expect(zodOk, `zod on ${check.what}`).toBe(check.accept);
        expect(ajvOk, `ajv on ${check.what}: ${JSON.stringify(validate.errors)}`).toBe(check.accept);
      }
    });
  }
});
