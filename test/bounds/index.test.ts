/**
 * The public surface of the bounds family (src/bounds/index.ts): the names API.md fixes, the
 * descriptive aliases (the same function objects), the root namespace, and that every calculator
 * cites its result.
 */
import { describe, expect, it } from 'vitest';
import * as bounds from '../../src/bounds/index.js';
import { bounds as rootBounds } from '../../src/index.js';

describe('behaviour: exports', () => {
  it('has every name API.md §bounds fixes', () => {
    for (const name of [
      'lemma31',
      'lemma44',
      'lemma45',
      'lemma46',
      'theorem47',
      'lemma48',
      'ggmi',
      'theorem410',
      'informationGain',
      'compressionBottleneck',
      'ggmiUpperBound',
    ]) {
      expect(typeof (bounds as Record<string, unknown>)[name], name).toBe('function');
    }
  });

  it('the aliases are the same functions', () => {
    expect(bounds.distributionShiftBound).toBe(bounds.lemma31);
    expect(bounds.informationGeneralizationBound).toBe(bounds.lemma44);
    expect(bounds.informationFlowBound).toBe(bounds.lemma45);
    expect(bounds.syntheticGeneralizationBound).toBe(bounds.lemma46);
    expect(bounds.syntheticPostTrainingBound).toBe(bounds.theorem47);
    expect(bounds.anchorPostTrainingBound).toBe(bounds.lemma48);
    expect(bounds.generalizationGain).toBe(bounds.ggmi);
    expect(bounds.ggmiUpperBound).toBe(bounds.theorem410);
  });

  it('the root namespace `bounds` is this module', () => {
    for (const [name, value] of Object.entries(bounds)) {
      expect((rootBounds as Record<string, unknown>)[name], name).toBe(value);
    }
  });
});

describe('behaviour: every calculator names its result and equation', () => {
  const cases: [string, () => { reference: string }, string[]][] = [
    [
      'lemma31',
      () => bounds.lemma31({ lossBound: 1, tvTaskModel: 0, tvModelGen: 0, genErrorSynthetic: 0 }),
      ['Lemma 3.1', 'eq. (1)'],
    ],
    [
      'lemma44',
      () => bounds.lemma44({ sigma: 1, n: 1, mutualInformation: 0 }),
      ['Lemma 4.4', 'eq. (4)'],
    ],
    [
      'lemma45',
      () => bounds.lemma45({ infoGain: 0, bottleneck: 0, hModelFactor: 0, deltaEpsP: 0 }),
      ['Lemma 4.5', 'eq. (5)'],
    ],
    [
      'lemma46',
      () =>
        bounds.lemma46({
          infoGain: 0,
          bottleneck: 0,
          hModelFactor: 0,
          deltaEpsP: 0,
          sigma: 1,
          n: 1,
        }),
      ['Lemma 4.6', 'eq. (6)'],
    ],
    [
      'theorem47',
      () =>
        bounds.theorem47({
          lossBound: 1,
          tvTaskModel: 0,
          tvModelGen: 0,
          infoGain: 0,
          bottleneck: 0,
          hModelFactor: 0,
          deltaEpsP: 0,
          sigma: 1,
          n: 1,
        }),
      ['Theorem 4.7', 'eq. (7)'],
    ],
    [
      'lemma48',
      () => bounds.lemma48({ sigma: 1, m: 1, miAnchorWPrime: 0 }),
      ['Lemma 4.8', 'eq. (8)'],
    ],
    ['ggmi', () => bounds.ggmi({ miAnchorWPrime: 0, miGenW: 0 }), ['Definition 4.9', 'eq. (9)']],
    [
      'theorem410',
      () =>
        bounds.theorem410({
          infoGain: 0,
          alpha: 0,
          hAnchorGivenW: 0,
          deltaH: 0,
          hGenGivenW: 0,
          epsilonWp: 0,
        }),
      ['Theorem 4.10', 'eq. (10)'],
    ],
    [
      'informationGain',
      () => bounds.informationGain({ hModelOutput: 0, miPromptFactorOutput: 0 }),
      ['Definition 4.2', 'eq. (2)'],
    ],
    [
      'compressionBottleneck',
      () => bounds.compressionBottleneck({ miPromptFactorW: 0, miModelFactorW: 0 }),
      ['Definition 4.3', 'eq. (3)'],
    ],
  ];
  for (const [name, run, parts] of cases) {
    it(name, () => {
      const { reference } = run();
      expect(reference).toContain('Gan & Liu');
      for (const p of parts) expect(reference).toContain(p);
    });
  }
});
