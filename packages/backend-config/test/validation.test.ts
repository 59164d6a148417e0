import { describe, expect, it } from 'vitest';
import {
  BackendConfiguration,
  hilbertDimension,
  referenceBackendNames,
  rulesFor,
  rulesForReference,
  rulesFromConfig,
  serverVerdict,
  validatePayload,
  type ReferenceBackendName,
} from '@coldatom/backend-config';
import { listVectors, readVector } from '../../../test/support/vectors.js';

interface Case {
  name: string;
  payload: unknown;
  ok: boolean;
  rule: string;
  serverMessage: string | null;
  failsAtRun?: boolean;
  runMessage?: string;
}

/** pydantic texts carry input reprs and a version in their URLs: compare up to the error type (vectors README). */
function loose(message: string): string {
  return message.replace(/, input_value=.*?\]\.\. {4}For further/g, ']..    For further').replace(/errors\.pydantic\.dev\/[\d.]+\//g, 'errors.pydantic.dev/');
}

describe('validatePayload against the reference server verdicts', () => {
  const files = listVectors('validation');

  it('reads a validation vector file for every reference simulator', () => {
    expect(files.map((f) => f.replace(/^validation\/|\.json$/g, '')).sort()).toEqual(referenceBackendNames.filter((n) => n !== 'mot').sort());
  });

  for (const file of files) {
    const backend = file.replace(/^validation\/|\.json$/g, '') as ReferenceBackendName;
    const { cases } = readVector<{ cases: Case[] }>(file);
    const rules = rulesForReference(backend);
    for (const c of cases) {
      it(`${backend}: ${c.name} → ${c.ok ? (c.failsAtRun ? 'accepted, fails at run' : 'accepted') : 'rejected'}`, () => {
        const problems = validatePayload(rules, c.payload);
        const serverErrors = problems.filter((p) => p.stage === 'server' && p.severity === 'error');
        if (c.ok) {
          expect(serverErrors, JSON.stringify(serverErrors)).toEqual([]);
          if (c.failsAtRun) {
            const verdict = serverVerdict(problems);
            expect(verdict?.stage).toBe('run');
            expect(verdict?.serverMessage).toBe(c.runMessage);
          }
        } else {
          const verdict = serverVerdict(problems);
          expect(verdict?.stage).toBe('server');
          expect(loose(verdict!.serverMessage!)).toBe(loose(c.serverMessage!));
        }
      });
    }
  }
});

describe('validatePayload for the client', () => {
  const rules = rulesForReference('singlequdit');

  it('collects every problem, each naming experiment, instruction, gate and rule', () => {
    const payload = {
      experiment_0: {
        instructions: [
          ['load', [0], [50]],
          ['rlx', [0], [7]],
          ['rly', [0], [1]],
          ['measure', [0], []],
        ],
        shots: 10,
        num_wires: 1,
        wire_order: 'interleaved',
      },
      experiment_1: {
        instructions: [
          ['rlz', [0], [1, 2]],
          ['measure', [0], []],
        ],
        shots: 10,
        num_wires: 1,
        wire_order: 'interleaved',
      },
    };
    const problems = validatePayload(rules, payload).filter((p) => p.severity === 'error');
    expect(problems.map((p) => [p.experiment, p.instructionIndex, p.gate, p.rule])).toEqual([
      ['experiment_0', 1, 'rlx', 'param-range'],
      ['experiment_0', 2, 'rly', 'unknown-instruction'],
      ['experiment_1', 0, 'rlz', 'param-count'],
    ]);
    expect(problems[0]!.message).toBe('experiment_0, instruction 1 (rlx on wires [0]): parameter omega = 7 is invalid; allowed: 0 ≤ omega ≤ 2π.');
  });

  it('rejects the inputs that crash the reference spooler', () => {
    const noMeasure = {
      experiment_0: {
        instructions: [
          ['load', [0], [5]],
          ['rlx', [0], [1]],
        ],
        shots: 1,
        num_wires: 1,
        wire_order: 'interleaved',
      },
    };
    expect(serverVerdict(validatePayload(rules, noMeasure))).toMatchObject({ stage: 'crash', rule: 'measure-required' });

    const shortInstruction = {
      experiment_0: {
        instructions: [
          ['rlx', [0]],
          ['measure', [0], []],
        ],
        shots: 1,
        num_wires: 1,
        wire_order: 'interleaved',
      },
    };
    expect(serverVerdict(validatePayload(rules, shortInstruction))).toMatchObject({ stage: 'crash', rule: 'instruction-shape', instructionIndex: 0 });

    const rydberg = rulesForReference('rydberg');
    const beyond = {
      experiment_0: {
        instructions: [
          ['rlx', [3], [1]],
          ['measure', [0], []],
        ],
        shots: 1,
        num_wires: 2,
        wire_order: 'interleaved',
      },
    };
    expect(serverVerdict(validatePayload(rydberg, beyond))).toMatchObject({ stage: 'crash', rule: 'wire-beyond-num-wires' });

    const fermions = rulesForReference('fermions');
    const emptyHop = {
      experiment_0: {
        instructions: [
          ['load', [0], []],
          ['fhop', [0, 1, 2, 3], []],
          ['measure', [0], []],
        ],
        shots: 1,
        num_wires: 8,
        wire_order: 'interleaved',
      },
    };
    expect(serverVerdict(validatePayload(fermions, emptyHop))).toMatchObject({ stage: 'crash', rule: 'param-count', gate: 'fhop' });

    const noOrder = { experiment_0: { instructions: [['measure', [0], []]], shots: 1, num_wires: 1 } };
    expect(serverVerdict(validatePayload(rules, noOrder))).toMatchObject({ stage: 'crash', rule: 'wire-order-missing' });
  });

  it('warns about instructions the reference backends silently ignore', () => {
    const multi = rulesForReference('multiqudit');
    const payload = {
      experiment_0: {
        instructions: [
          ['rlx', [0], [1]],
          ['load', [1], [3]],
          ['rlzlz', [0, 1, 2, 3, 4], [1]],
          ['measure', [0], []],
        ],
        shots: 1,
        num_wires: 5,
        wire_order: 'interleaved',
      },
    };
    const warnings = validatePayload(multi, payload).filter((p) => p.severity === 'warning');
    expect(warnings.map((w) => [w.instructionIndex, w.rule])).toEqual([
      [1, 'load-reordered'],
      [2, 'silent-noop'],
    ]);
    expect(validatePayload(multi, payload, { warnings: false }).some((p) => p.severity === 'warning')).toBe(false);
  });

  it('computes the multiqudit dimension the way the server does', () => {
    expect(hilbertDimension({ num_wires: 5, instructions: [['load', [0], [256]]] })).toBe(4096);
    expect(
      hilbertDimension({
        num_wires: 2,
        instructions: [
          ['load', [0], [100]],
          ['load', [0], [100]],
        ],
      }),
    ).toBe(10000);
  });
});

describe('rules for backends outside the catalog', () => {
  it('derive instruction names, coupling maps and limits from the served config', () => {
    const config = BackendConfiguration.parse(readVector('configs/legacy/g1-2022-fermions.json'));
    const rules = rulesFromConfig(config);
    expect(rules.reference).toBeUndefined();
    const payload = { experiment_0: { instructions: [['warp', [0], []]], shots: 1, num_wires: 1, wire_order: 'interleaved' } };
    expect(validatePayload(rules, payload)[0]).toMatchObject({ rule: 'unknown-instruction', gate: 'warp' });
  });

  it('use the catalog when a served config names a reference backend', () => {
    const config = BackendConfiguration.parse(readVector('configs/rydberg.json'));
    expect(rulesFor(config).reference).toBe('rydberg');
    expect(rulesFor(BackendConfiguration.parse(readVector('configs/mot.json'))).reference).toBe('mot');
  });
});
