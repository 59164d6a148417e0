import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, pathDeeperThan, rulesForReference, serverVerdict, validatePayload } from '@coldatom/backend-config';

const rlxExperiment = (omega: number) => ({
  instructions: [
    ['load', [0], [50]],
    ['rlx', [0], [omega]],
    ['measure', [0], []],
  ],
  shots: 10,
  num_wires: 1,
  wire_order: 'interleaved',
});

/** A payload of `count` singlequdit experiments whose rlx angle exceeds 2π exactly at the given indices. */
function scanPayload(count: number, tooLarge: ReadonlySet<number>): Record<string, unknown> {
  return Object.fromEntries(Array.from({ length: count }, (_, i) => [`experiment_${i}`, rlxExperiment(tooLarge.has(i) ? 7 : 1)]));
}

describe('validatePayload checks every experiment whatever its index', () => {
  const rules = rulesForReference('singlequdit');

  it('reports an index above max_experiments and still checks that experiment content (1,100 experiments)', () => {
    const problems = validatePayload(rules, scanPayload(1100, new Set([3, 1000, 1099])));
    const content = problems.filter((p) => p.rule !== 'experiment-index');
    expect(content.map((p) => [p.experiment, p.instructionIndex, p.gate, p.rule])).toEqual([
      ['experiment_3', 1, 'rlx', 'param-range'],
      ['experiment_1000', 1, 'rlx', 'param-range'],
      ['experiment_1099', 1, 'rlx', 'param-range'],
    ]);
    // The index problem is still there (the server refuses the unsplit payload) and stays the verdict.
    expect(problems.filter((p) => p.rule === 'experiment-index').map((p) => p.experiment)).toEqual(
      Array.from({ length: 99 }, (_, k) => `experiment_${1001 + k}`),
    );
    expect(serverVerdict(problems)).toMatchObject({ rule: 'param-range', experiment: 'experiment_3' });
  });

  it('finds the one bad experiment among 10,000', () => {
    const problems = validatePayload(rules, scanPayload(10_000, new Set([9_999])), { warnings: false }).filter((p) => p.rule !== 'experiment-index');
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toBe('experiment_9999, instruction 1 (rlx on wires [0]): parameter omega = 7 is invalid; allowed: 0 ≤ omega ≤ 2π.');
  });

  it('refuses an impossible multiqudit size above max_experiments without computing with it', () => {
    const multi = rulesForReference('multiqudit');
    const payload = {
      experiment_1001: {
        instructions: [
          ['load', [0], [10]],
          ['measure', [0], []],
        ],
        shots: 10,
        num_wires: 1e9,
        wire_order: 'interleaved',
      },
    };
    const problems = validatePayload(multi, payload).filter((p) => p.rule !== 'experiment-index');
    expect(problems.map((p) => p.rule)).toEqual(['num-wires']);
    expect(problems[0]!.message).toMatch(/experiment_1001: num_wires 1000000000 is invalid \(Input should be less than or equal to 5\)/);
  });

  it('still computes the Hilbert dimension of an experiment above max_experiments', () => {
    const multi = rulesForReference('multiqudit');
    const payload = {
      experiment_1500: {
        instructions: [
          ['load', [0], [100]],
          ['load', [1], [100]],
          ['measure', [0], []],
        ],
        shots: 10,
        num_wires: 2,
        wire_order: 'interleaved',
      },
    };
    expect(validatePayload(multi, payload).map((p) => p.rule)).toEqual(['experiment-index', 'hilbert-dimension']);
  });
});

describe('validatePayload on deeply nested JSON', () => {
  const rules = rulesForReference('singlequdit');

  /** `[[[…[value]…]]]`, `depth` levels, built without recursion. */
  function nested(depth: number, value: unknown = 1): unknown {
    let out = value;
    for (let k = 0; k < depth; k++) out = [out];
    return out;
  }

  it('reports params nested 10⁵ levels deep as a problem naming experiment and instruction, not a RangeError', () => {
    const payload = {
      experiment_0: {
        instructions: [
          ['load', [0], [50]],
          ['rlx', [0], nested(100_000)],
          ['measure', [0], []],
        ],
        shots: 1,
        num_wires: 1,
        wire_order: 'interleaved',
      },
      experiment_1: rlxExperiment(7),
    };
    const problems = validatePayload(rules, payload);
    expect(problems.map((p) => [p.experiment, p.instructionIndex, p.rule])).toEqual([
      ['experiment_0', 1, 'nesting-depth'],
      ['experiment_1', 1, 'param-range'],
    ]);
    expect(problems[0]!.message).toBe(
      `experiment_0, instruction 1: the value nests more than ${MAX_JSON_DEPTH} levels deep; an experiment holds [name, [wires], [numbers]] instructions, 3 levels below it.`,
    );
  });

  it('keeps the server message for a value nested a little (pydantic reports a non-number)', () => {
    const payload = {
      experiment_0: {
        instructions: [
          ['rlx', [0], [[1]]],
          ['measure', [0], []],
        ],
        shots: 1,
        num_wires: 1,
        wire_order: 'interleaved',
      },
    };
    expect(validatePayload(rules, payload)[0]).toMatchObject({ rule: 'param-range', serverMessage: expect.stringContaining('Input should be a valid number') });
  });

  it('measures depth without recursion and names the path to the culprit', () => {
    expect(pathDeeperThan(nested(1_000_000), 3)).toEqual([0, 0, 0]);
    expect(pathDeeperThan({ a: [1, { b: nested(2) }] }, 3)).toEqual(['a', 1, 'b']);
    expect(pathDeeperThan({ a: [1, { b: 2 }] }, 3)).toBeUndefined();
  });

  it(`accepts a value nested exactly ${MAX_JSON_DEPTH} levels below its experiment and reports one level more, wherever it sits`, () => {
    // The experiment object is the first level, so a key's value gets the limit minus one.
    const rulesOf = (problems: readonly { rule: string }[]) => problems.map((p) => p.rule);
    const withExtra = (extra: unknown) => ({ experiment_0: { ...rlxExperiment(1), extra } });
    const withParams = (params: unknown) => ({ experiment_0: { ...rlxExperiment(1), instructions: [['rlx', [0], params]] } });
    expect(rulesOf(validatePayload(rules, withExtra(nested(MAX_JSON_DEPTH - 1))))).not.toContain('nesting-depth');
    expect(rulesOf(validatePayload(rules, withExtra(nested(MAX_JSON_DEPTH))))).toEqual(['nesting-depth']);
    expect(rulesOf(validatePayload(rules, withExtra({ a: nested(MAX_JSON_DEPTH - 2) })))).not.toContain('nesting-depth');
    expect(rulesOf(validatePayload(rules, withExtra({ a: nested(MAX_JSON_DEPTH - 1) })))).toEqual(['nesting-depth']);
    // instructions → instruction → params: three levels below the experiment.
    expect(rulesOf(validatePayload(rules, withParams(nested(MAX_JSON_DEPTH - 3))))).not.toContain('nesting-depth');
    expect(rulesOf(validatePayload(rules, withParams(nested(MAX_JSON_DEPTH - 2))))).toEqual(['nesting-depth']);
  });
});
