/**
 * ψ ← exp(−iθH)ψ for a dense real symmetric H (row-major, n×n), by Taylor series in steps of
 * θ‖H‖₁ ≤ ½, to round-off: the independent reference the physics specs compare the engine with.
 */
export function evolveDense(h: Float64Array, theta: number, re: Float64Array, im: Float64Array): void {
  const n = re.length;
  const rows: { readonly j: Int32Array; readonly v: Float64Array }[] = [];
  let norm = 0;
  for (let i = 0; i < n; i++) {
    const js: number[] = [];
    const vs: number[] = [];
    let sum = 0;
    for (let j = 0; j < n; j++) {
      const v = h[i * n + j]!;
      if (v !== 0) {
        js.push(j);
        vs.push(v);
        sum += Math.abs(v);
      }
    }
    rows.push({ j: Int32Array.from(js), v: Float64Array.from(vs) });
    norm = Math.max(norm, sum);
  }
  const steps = Math.max(1, Math.ceil(Math.abs(theta) * norm * 2));
  const dt = theta / steps;
  let tr = new Float64Array(n);
  let ti = new Float64Array(n);
  for (let s = 0; s < steps; s++) {
    tr.set(re);
    ti.set(im);
    for (let k = 1; k < 60; k++) {
      // term ← (−i dt/k)·H·term
      const nr = new Float64Array(n);
      const ni = new Float64Array(n);
      let size = 0;
      rows.forEach(({ j, v }, i) => {
        let sr = 0;
        let si = 0;
        for (let p = 0; p < j.length; p++) {
          sr += v[p]! * tr[j[p]!]!;
          si += v[p]! * ti[j[p]!]!;
        }
        nr[i] = (si * dt) / k;
        ni[i] = (-sr * dt) / k;
        size = Math.max(size, Math.abs(nr[i]!), Math.abs(ni[i]!));
      });
      tr = nr;
      ti = ni;
      for (let i = 0; i < n; i++) {
        re[i] = re[i]! + tr[i]!;
        im[i] = im[i]! + ti[i]!;
      }
      if (size < 1e-20) break;
    }
  }
}
