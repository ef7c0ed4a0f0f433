import { describe, expect, it } from 'vitest';
import { GaussianMixture, gmm } from '../../src/index.js';
import { expectInfoboundError } from '../helpers.js';

/** 600 draws from a 3-component mixture in 2-D with well-separated means. */
function data(): number[][] {
  const truth = GaussianMixture.fromParameters({
    weights: [0.3, 0.3, 0.4],
    means: [
      [0, 0],
      [6, 0],
      [3, 6],
    ],
    covariances: [
      [
        [1, 0.3],
        [0.3, 1],
      ],
      [
        [0.7, 0],
        [0, 1.2],
      ],
      [
        [1, -0.4],
        [-0.4, 0.8],
      ],
    ],
  });
  return truth.sample(600, { seed: 21 }).samples.map((r) => Array.from(r));
}

describe('selectNComponents', () => {
  const X = data();

  it('BIC picks the true number of components and returns the whole curve', () => {
    const sel = gmm.selectNComponents(X, { nComponents: { min: 1, max: 6 }, seed: 1 });
    expect(sel.nComponents).toBe(3);
    expect(sel.criterion).toBe('bic');
    expect(sel.curve.map((p) => p.nComponents)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(sel.best.nComponents).toBe(3);
    const best = sel.curve[2]!;
    for (const p of sel.curve) expect(p.bic).toBeGreaterThanOrEqual(best.bic);
    // The curve's BIC is the fitted model's.
    expect(sel.best.bic(X)).toBe(best.bic);
  });

  it('AIC is never below BIC when log n > 2, and the options reach the fits', () => {
    const sel = gmm.selectNComponents(X, {
      nComponents: [1, 2, 3],
      criterion: 'aic',
      covarianceType: 'diag',
      seed: 2,
    });
    expect(sel.criterion).toBe('aic');
    expect(sel.best.covarianceType).toBe('diag');
    for (const p of sel.curve) expect(p.bic).toBeGreaterThan(p.aic);
  });

  it('bad ranges', () => {
    expectInfoboundError(() => gmm.selectNComponents(X, { nComponents: [] }), 'INVALID_OPTION');
    expectInfoboundError(
      () => gmm.selectNComponents(X, { nComponents: { min: 3, max: 2 } }),
      'INVALID_OPTION',
    );
    expectInfoboundError(
      () => gmm.selectNComponents(X, { nComponents: [0, 1] }),
      'INVALID_OPTION',
      'nComponents[0]',
    );
    expectInfoboundError(
      () => gmm.selectNComponents([[0], [1]], { nComponents: [3] }),
      'TOO_FEW_SAMPLES',
    );
    expectInfoboundError(
      () => gmm.selectNComponents(X, { criterion: 'hqc' as 'bic' }),
      'INVALID_OPTION',
      'criterion',
    );
  });
});
