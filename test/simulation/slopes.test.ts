import { describe, expect, it } from 'vitest';
import { simulation } from '../../src/index.js';
import type { Figure4Point, Figure4Result } from '../../src/simulation/index.js';
import { expectClose, expectInfoboundError } from '../helpers.js';

/** A sweep whose repetition r is the line a_r + b_r·x plus a curvature common to all. */
function sweep(xs: number[], a: number[], b: number[]): Figure4Point[] {
  return xs.map((x) => {
    const values = a.map((ar, r) => ar + (b[r] as number) * x + 0.01 * (x - 5) ** 2);
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    return { value: x, mean, std: 0, values };
  });
}

describe('figure4Slopes', () => {
  const xs = [2, 4, 6, 8];
  const a = [1, -2, 0.5, 3, 0];
  const b = [0.3, 0.5, 0.2, 0.6, 0.4];
  const flat = [0.1, -0.1, 0.05, -0.05, 0];
  const result: Figure4Result = {
    K: sweep(
      xs,
      a,
      b.map((v) => -v),
    ),
    J: sweep(xs, a, b),
    L: sweep(xs, a, flat),
  };

  it('averages per-repetition least-squares slopes and puts a Student-t interval around them', () => {
    const s = simulation.figure4Slopes(result);
    // The curvature 0.01·(x − 5)² is symmetric about x̄ = 5 (Σ(x − 5)³ = 0 on xs = 2, 4, 6, 8),
    // so it adds nothing to a least-squares slope: repetition r's fitted slope is exactly b_r.
    expectClose(s.J.slope, 0.4, 1e-14);
    // sd of b = √(Σ(b − 0.4)²/4) = √(0.1/4); se = sd/√5. t(0.975, 4) = 2.7764451051977987 (SciPy).
    const se = Math.sqrt(0.1 / 4 / 5);
    expectClose(s.J.standardError, se, 1e-13);
    // stdlib's t quantile agrees with SciPy's to ~3e-11 relative (measured).
    expectClose(s.J.upper - s.J.slope, 2.7764451051977987 * se, 1e-9);
    expect(s.J.trend).toBe('increases');
    expect(s.K.trend).toBe('decreases');
    expectClose(s.K.slope, -0.4, 1e-14);
    expect(s.L.trend).toBe('flat');
    expect(s.L.repetitions).toBe(5);
    expect(s.level).toBe(0.95);
    // A 90% interval uses t(0.95, 4) = 2.1318467863266495 (SciPy).
    const s90 = simulation.figure4Slopes(result, { level: 0.9 });
    expectClose(s90.J.upper - s90.J.slope, 2.1318467863266495 * se, 1e-9);
  });

  it('works on a figure4 result', () => {
    const f = simulation.figure4({
      values: [2, 4, 6],
      repetitions: 3,
      resamples: 1,
      resampleSize: 100,
      seed: 1,
    });
    const s = simulation.figure4Slopes(f);
    for (const k of ['K', 'J', 'L'] as const) {
      expect(s[k].lower).toBeLessThanOrEqual(s[k].slope);
      expect(s[k].upper).toBeGreaterThanOrEqual(s[k].slope);
      expect(s[k].repetitions).toBe(3);
    }
  });

  it('rejects bad input with typed errors', () => {
    expectInfoboundError(
      () => simulation.figure4Slopes(result, { level: 1 }),
      'INVALID_OPTION',
      'level',
    );
    expectInfoboundError(
      () => simulation.figure4Slopes({ ...result, K: (result.K as Figure4Point[]).slice(0, 1) }),
      'INVALID_ARGUMENT',
      'result.K',
    );
    const ragged = result.J.map((p, i) => (i === 0 ? { ...p, values: p.values.slice(1) } : p));
    expectInfoboundError(
      () => simulation.figure4Slopes({ ...result, J: ragged }),
      'SHAPE_MISMATCH',
      'result.J',
    );
    expectInfoboundError(
      () => simulation.figure4Slopes(null as unknown as Figure4Result),
      'INVALID_ARGUMENT',
      'result',
    );
  });
});
