/**
 * rydberg_full on a reversal-symmetric state runs in the symmetric subspace (20 of 32 states for 5
 * atoms). Checked here against an independent dense reference (the full 2ⁿ Hamiltonian from its
 * textbook definition, exp(−iH)ψ by a Taylor series in small steps): from the ground state, after
 * symmetric gates (rydberg_block, rlz on every atom, a second rydberg_full), and with a
 * non-symmetric gate after it, so a wrong phase or a wrong unfolding shows in the distribution.
 */
import { describe, expect, it } from 'vitest';
import { exactDistribution, type SimExperiment } from '@coldatom/simulator';
import { evolveDense } from './support/dense-evolution.js';
import { seeded } from '../../../test/support/seeded-random.js';

type Instruction = [string, number[], number[]];

const bit = (i: number, a: number, n: number): number => (i >> (n - 1 - a)) & 1;

/** Dense H of a gate on n atoms (wire 0 the most significant bit), row-major. */
function hamiltonian(n: number, gate: Instruction): Float64Array {
  const size = 2 ** n;
  const h = new Float64Array(size * size);
  const [name, wires, params] = gate;
  const blockade = (i: number): number => {
    let e = 0;
    for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) if (bit(i, a, n) && bit(i, b, n)) e += 1 / (b - a) ** 6;
    return e;
  };
  for (let i = 0; i < size; i++) {
    if (name === 'rydberg_full') {
      const [omega = 0, delta = 0, phi = 0] = params;
      let d = phi * blockade(i);
      for (let a = 0; a < n; a++) {
        d += delta * (bit(i, a, n) ? -0.5 : 0.5);
        h[i * size + (i ^ (1 << (n - 1 - a)))] = omega / 2;
      }
      h[i * size + i] = d;
    } else if (name === 'rydberg_block') {
      h[i * size + i] = params[0]! * blockade(i);
    } else if (name === 'rlz') {
      h[i * size + i] = params[0]! * (bit(i, wires[0]!, n) ? -0.5 : 0.5);
    } else if (name === 'rlx') {
      h[i * size + (i ^ (1 << (n - 1 - wires[0]!)))] = params[0]! / 2;
    }
  }
  return h;
}

function reference(n: number, gates: readonly Instruction[]): Record<string, number> {
  const re = new Float64Array(2 ** n);
  const im = new Float64Array(2 ** n);
  re[0] = 1;
  for (const gate of gates) evolveDense(hamiltonian(n, gate), 1, re, im);
  const out: Record<string, number> = {};
  for (let i = 0; i < re.length; i++) {
    const p = re[i]! ** 2 + im[i]! ** 2;
    if (p < 1e-12) continue;
    const key = Array.from({ length: n }, (_, a) => bit(i, a, n)).join(' ');
    out[key] = (out[key] ?? 0) + p;
  }
  return out;
}

function expectSame(n: number, gates: readonly Instruction[]): void {
  const all = Array.from({ length: n }, (_, a) => a);
  const experiment: SimExperiment = {
    instructions: [...gates, ...all.map((w): Instruction => ['measure', [w], []])],
    shots: 10,
    num_wires: n,
    wire_order: 'interleaved',
  };
  const got = exactDistribution('rydberg', experiment);
  const want = reference(n, gates);
  for (const key of new Set([...Object.keys(got), ...Object.keys(want)])) {
    expect(Math.abs((got[key] ?? 0) - (want[key] ?? 0)), `${JSON.stringify(gates)} ${key}`).toBeLessThan(1e-9);
  }
}

describe('rydberg_full in the reversal-symmetric subspace', () => {
  it('the issue scan (5 atoms, Ω = 20k/50, Δ = 1, φ = 30) from the ground state', () => {
    for (const k of [0, 1, 7, 25, 49]) expectSame(5, [['rydberg_full', [0, 1, 2, 3, 4], [(20 * k) / 50, 1, 30]]]);
  });

  it('random chains of 1 to 5 atoms: symmetric gates before, any gate after', () => {
    const random = seeded(1205);
    for (let c = 0; c < 40; c++) {
      const n = 1 + Math.floor(random() * 5);
      const all = Array.from({ length: n }, (_, a) => a);
      const full = (): Instruction => ['rydberg_full', all, [random() * 20 - 4, random() * 6 - 3, random() * 40]];
      const gates: Instruction[] = [];
      for (let g = 0; g < 1 + Math.floor(random() * 3); g++) {
        const kind = Math.floor(random() * 3);
        if (kind === 0) gates.push(full());
        else if (kind === 1) gates.push(['rydberg_block', all, [random() * 5]]);
        // The same rlz on every atom keeps the state symmetric.
        else {
          const theta = random() * 6;
          for (const w of all) gates.push(['rlz', [w], [theta]]);
        }
      }
      gates.push(full());
      if (random() < 0.5) gates.push(['rlx', [Math.floor(random() * n)], [random() * 3]], full());
      expectSame(n, gates);
    }
  });
});
