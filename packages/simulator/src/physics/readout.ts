/**
 * How basis states read as memory strings: the values of the measured wires, in measure order,
 * space-separated. Outcomes are aggregated over a projection on the measured wires, so strings are
 * made only for outcomes that occur, never per basis state or per shot.
 */
import { memo } from './memo.js';
import { digitOf } from './state.js';

/** A run's result: basis probabilities and how to read them. */
export interface Outcome {
  readonly probabilities: Float64Array;
  readonly readout: Readout;
}

export interface Readout {
  /** True when nothing is measured: memory is `[]` whatever the shots. */
  readonly nothingMeasured: boolean;
  /** Distinct projected outcomes. */
  readonly size: number;
  /** The projected outcome of every basis index (made once per basis and measure list). */
  projection(): Int32Array;
  /** The memory string of a projected outcome. */
  text(projected: number): string;
  /** True when every memory string is a canonical integer ("0"…"500"): a JS object orders such keys numerically. */
  readonly integerKeys: boolean;
}

/** The readout of a product basis measuring `measures` (wire indices, repeats allowed) in that order. */
export function productReadout(dims: readonly number[], strides: readonly number[], measures: readonly number[]): Readout {
  const distinct = [...new Set(measures)];
  const radix = new Array<number>(distinct.length).fill(1);
  for (let d = distinct.length - 2; d >= 0; d--) radix[d] = radix[d + 1]! * (dims[distinct[d + 1]!] ?? 1);
  const size = distinct.reduce((s, w) => s * (dims[w] ?? 1), 1);
  const position = measures.map((w) => distinct.indexOf(w));
  let texts: (string | undefined)[] | undefined;
  return {
    nothingMeasured: measures.length === 0,
    size,
    integerKeys: measures.length === 1,
    projection: () =>
      memo(
        `readout|${dims.join('x')}|${distinct.join(',')}`,
        () => {
          const total = dims.reduce((a, b) => a * b, 1);
          const out = new Int32Array(total);
          distinct.forEach((w, d) => {
            const stride = strides[w] ?? 1;
            const dim = dims[w] ?? 1;
            const r = radix[d]!;
            for (let i = 0; i < total; i++) out[i] = out[i]! + (Math.floor(i / stride) % dim) * r;
          });
          return out;
        },
        (a) => a.length,
      ),
    text: (projected) => {
      // Strings are cached per readout (a scan draws the same few outcomes in every experiment).
      texts ??= memo(
        `readout-texts|${dims.join('x')}|${measures.join(',')}`,
        () => new Array<string | undefined>(size),
        (t) => t.length,
      );
      texts[projected] ??= position.map((d) => digitOf(projected, radix[d]!, dims[distinct[d]!] ?? 1)).join(' ');
      return texts[projected];
    },
  };
}

/** A readout with a single outcome of a fixed memory string (mot: the loaded atom number). */
export function fixedReadout(text: string, nothingMeasured: boolean): Readout {
  return { nothingMeasured, size: 1, integerKeys: /^(0|[1-9]\d*)$/.test(text), projection: () => new Int32Array(1), text: () => text };
}
