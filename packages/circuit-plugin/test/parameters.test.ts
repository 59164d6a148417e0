import { describe, expect, it } from 'vitest';
import { coldAtomCircuit, compileExperiment, scan, sweepPoints } from '@coldatom/circuit-plugin';

const rotation = (omega: string) => coldAtomCircuit('singlequdit').load(0, 10).rlx(0, omega).measure(0);
const angle = (omega: string, bindings: Record<string, number> = {}): number =>
  compileExperiment(rotation(omega), { shots: 1, bindings }).instructions[1]![2][0]!;

describe('parameter expressions', () => {
  it('evaluate constants and functions the expression language defines', () => {
    expect(angle('pi/2')).toBe(Math.PI / 2);
    expect(angle('E/10')).toBe(Math.E / 10);
    expect(angle('SQRT2 * sqrt(chi)', { chi: 4 })).toBe(Math.SQRT2 * 2);
    expect(angle('0.25')).toBe(0.25);
  });

  it('read symbols only from the explicit scope, which they never write to', () => {
    const bindings = Object.freeze({ theta: 0.5, unused: 9 });
    expect(angle('2*theta', bindings)).toBe(1);
    expect(bindings).toEqual({ theta: 0.5, unused: 9 });
  });

  it('treat unit names such as J and N as ordinary variables', () => {
    expect(angle('J * N', { J: 0.5, N: 3 })).toBe(1.5);
  });

  it('name an unbound symbol and where it is used, instead of using 0', () => {
    expect(() => angle('omega_t * 2')).toThrow(
      /Unbound symbol — bind or sweep it:\n {2}- omega_t, used in instruction 1 \(rlx on wires \[0\]\), parameter omega = "omega_t \* 2"/,
    );
    expect(() => angle('a + b', { a: 1 })).toThrow(/- b, used in instruction 1/);
  });

  it('refuse values that are not finite real numbers, naming the instruction', () => {
    expect(() => angle('sqrt(-theta)', { theta: 1 })).toThrow(
      /instruction 1 \(rlx on wires \[0\]\), parameter omega: "sqrt\(-theta\)" is i, not a finite real number/,
    );
    expect(() => angle('1/theta', { theta: 0 })).toThrow(/"1\/theta" is Infinity, not a finite real number/);
  });

  it('refuse bindings named like something the expression language predefines', () => {
    expect(() => angle('2*pi', { pi: 1 })).toThrow(/"pi" is a name the expression language predefines/);
  });
});

describe('scan variable names', () => {
  it.each(['pi', 'e', 'i', 'phi', 'tau', 'E', 'PI', 'SQRT2', 'sin', 'gamma', 'true', 'NaN'])('refuse %s, which the expression language predefines', (name) => {
    expect(() => sweepPoints({ axes: { [name]: [1] } })).toThrow(new RegExp(`Scan variable "${name}" is a name the expression language predefines`));
  });

  it('refuse names that are not identifiers', () => {
    expect(() => sweepPoints({ axes: { 'theta 1': [1] } })).toThrow(/Scan variable "theta 1" is not an identifier/);
  });

  it('may be any other identifier, a scan of an unused name repeating the experiment', () => {
    const { payload } = scan(rotation('theta'), { axes: { theta: [1], repeat: [1, 2, 3] } }, { shots: 1 });
    expect(Object.values(payload).map((e) => e.instructions[1])).toEqual([
      ['rlx', [0], [1]],
      ['rlx', [0], [1]],
      ['rlx', [0], [1]],
    ]);
  });
});
