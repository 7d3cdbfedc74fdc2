import { qualityGate } from './quality-gate';

/** A serving version as the model store returns it: nDCG@10 0.30 under metrics.model. */
const SERVING = { version: 7, metrics: { model: { ndcgAt10: 0.3 }, gate: { passed: true } } };

describe('qualityGate', () => {
  it('passes the first version, with nothing serving to compare with', () => {
    expect(
      qualityGate({ candidateNdcgAt10: 0, serving: null, margin: 0.05, force: false }),
    ).toEqual({
      passed: true,
      servingVersion: null,
      servingNdcgAt10: null,
      margin: 0.05,
      forced: false,
    });
  });

  it('passes when the serving version has no stored nDCG@10', () => {
    const serving = { version: 3, metrics: {} };
    expect(
      qualityGate({ candidateNdcgAt10: 0.01, serving, margin: 0.05, force: false }),
    ).toMatchObject({ passed: true, servingVersion: 3, servingNdcgAt10: null });
  });

  it('passes a better version and one below the serving nDCG@10 by less than the margin', () => {
    for (const candidateNdcgAt10 of [0.4, 0.3, 0.26]) {
      expect(
        qualityGate({ candidateNdcgAt10, serving: SERVING, margin: 0.05, force: false }),
      ).toEqual({
        passed: true,
        servingVersion: 7,
        servingNdcgAt10: 0.3,
        margin: 0.05,
        forced: false,
      });
    }
  });

  it('holds back a version more than the margin below the serving nDCG@10', () => {
    expect(
      qualityGate({ candidateNdcgAt10: 0.24, serving: SERVING, margin: 0.05, force: false }),
    ).toEqual({
      passed: false,
      servingVersion: 7,
      servingNdcgAt10: 0.3,
      margin: 0.05,
      forced: false,
    });
  });

  it('with a zero margin holds back anything below the serving nDCG@10', () => {
    const gate = (candidateNdcgAt10: number): boolean =>
      qualityGate({ candidateNdcgAt10, serving: SERVING, margin: 0, force: false }).passed;
    expect(gate(0.3)).toBe(true);
    expect(gate(0.2999)).toBe(false);
  });

  it('passes a worse version when forced, and says it was forced', () => {
    expect(
      qualityGate({ candidateNdcgAt10: 0.01, serving: SERVING, margin: 0.05, force: true }),
    ).toEqual({
      passed: true,
      servingVersion: 7,
      servingNdcgAt10: 0.3,
      margin: 0.05,
      forced: true,
    });
  });

  it('says forced even when the version would have passed anyway', () => {
    expect(
      qualityGate({ candidateNdcgAt10: 0.5, serving: SERVING, margin: 0.05, force: true }),
    ).toMatchObject({ passed: true, forced: true });
  });
});
