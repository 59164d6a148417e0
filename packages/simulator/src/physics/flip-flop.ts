/**
 * rlxly: exp(−iJ Σ(L₊ₐL₋ᵦ + L₋ₐL₊ᵦ)) over pairs of wires. Flip-flops conserve the summed level
 * Σk over the wires involved, so the generator is block-diagonal: one block per value of the sum
 * (at most 16 states for a pair of 15-atom wires instead of 256), each diagonalized once and
 * applied to every configuration of the other wires.
 */
import { collectiveSpin } from './collective-spin.js';
import { evolveFibre, phasesOf, scratchOf } from './eigen-evolution.js';
import { memo } from './memo.js';
import { offsetsOf, otherWires, type State } from './state.js';
import { symmetricEigen, type SymmetricEigen } from './symmetric-eigen.js';

interface Block {
  readonly eigen: SymmetricEigen;
  readonly offsets: Int32Array;
}

interface FlipFlopBlocks {
  readonly blocks: readonly Block[];
  readonly bases: Int32Array;
  readonly largest: number;
}

function flipFlopBlocks(state: State, atoms: readonly number[], pairs: readonly (readonly [number, number])[]): FlipFlopBlocks {
  const wires = [...new Set(pairs.flat())].sort((a, b) => a - b);
  return memo(
    `ff|${state.dims.join('x')}|${pairs.map((p) => p.join('-')).join(',')}`,
    () => {
      const { dims } = state;
      // Local configurations of the involved wires (mixed radix, first wire slowest).
      const local = offsetsOf(dims, state.strides, wires);
      const radix = wires.map((_, d) => wires.slice(d + 1).reduce((r, w) => r * (dims[w] ?? 1), 1));
      const digitsOf = (c: number): number[] => wires.map((w, d) => Math.floor(c / radix[d]!) % (dims[w] ?? 1));
      const configOf = (digits: readonly number[]): number => digits.reduce((c, k, d) => c + k * radix[d]!, 0);
      const bySum = new Map<number, number[]>();
      for (let c = 0; c < local.length; c++) {
        const sum = digitsOf(c).reduce((a, b) => a + b, 0);
        const members = bySum.get(sum) ?? [];
        members.push(c);
        bySum.set(sum, members);
      }
      const spins = wires.map((w) => collectiveSpin(atoms[w] ?? 1));
      const blocks: Block[] = [];
      for (const members of bySum.values()) {
        const n = members.length;
        const position = new Map(members.map((c, i) => [c, i]));
        const h = new Float64Array(n * n);
        members.forEach((c, i) => {
          const digits = digitsOf(c);
          for (const [a, b] of pairs) {
            const da = wires.indexOf(a);
            const db = wires.indexOf(b);
            const ka = digits[da]!;
            const kb = digits[db]!;
            const sa = spins[da]!.lowering;
            const sb = spins[db]!.lowering;
            // L₊ₐL₋ᵦ: a goes up (k − 1), b goes down (k + 1); and the transpose.
            const hop = (toA: number, toB: number, value: number): void => {
              const next = [...digits];
              next[da] = toA;
              next[db] = toB;
              const j = position.get(configOf(next));
              if (j !== undefined) h[j * n + i] = h[j * n + i]! + value;
            };
            if (ka > 0 && kb < (dims[b] ?? 1) - 1) hop(ka - 1, kb + 1, sa[ka - 1]! * sb[kb]!);
            if (kb > 0 && ka < (dims[a] ?? 1) - 1) hop(ka + 1, kb - 1, sa[ka]! * sb[kb - 1]!);
          }
        });
        blocks.push({ eigen: symmetricEigen(n, h), offsets: Int32Array.from(members, (c) => local[c]!) });
      }
      const bases = offsetsOf(dims, state.strides, otherWires(dims, wires));
      return { blocks, bases, largest: Math.max(...blocks.map((b) => b.eigen.n)) };
    },
    (f) => f.blocks.reduce((s, b) => s + b.eigen.n * b.eigen.n + b.offsets.length, f.bases.length),
  );
}

/** ψ ← exp(−iJ Σ_pairs(L₊ₐL₋ᵦ + L₋ₐL₊ᵦ))ψ. */
export function applyFlipFlop(state: State, atoms: readonly number[], pairs: readonly (readonly [number, number])[], j: number): void {
  const { blocks, bases, largest } = flipFlopBlocks(state, atoms, pairs);
  const scratch = scratchOf(largest);
  for (const block of blocks) {
    const phases = phasesOf(block.eigen, j);
    for (let f = 0; f < bases.length; f++) evolveFibre(block.eigen, phases, state.re, state.im, bases[f]!, block.offsets, scratch);
  }
}
