import { RetainedFacts, versionsToDelete } from './retention-rule';

const ready = (
  version: number,
  promotion: number,
  hasArtifact = true,
  inExperiment = false,
): RetainedFacts => ({
  version,
  status: 'ready',
  promotion,
  hasArtifact,
  inExperiment,
});
const rejected = (version: number): RetainedFacts => ({
  version,
  status: 'rejected',
  promotion: null,
  hasArtifact: true,
  inExperiment: false,
});
const failed = (version: number): RetainedFacts => ({
  version,
  status: 'failed',
  promotion: null,
  hasArtifact: false,
  inExperiment: false,
});

describe('versionsToDelete', () => {
  it('keeps the serving and the previous ready version and deletes older ready ones', () => {
    expect(versionsToDelete([ready(1, 1), ready(2, 2), ready(3, 3), ready(4, 4)], 5)).toEqual([
      1, 2,
    ]);
  });

  it('keeps the bytes of every version a running experiment serves', () => {
    // 1 and 2 are the variants of a running experiment; 4 serves, 3 is the previous one.
    expect(
      versionsToDelete(
        [ready(1, 1, true, true), ready(2, 2, true, true), ready(3, 3), ready(4, 4)],
        5,
      ),
    ).toEqual([]);
    expect(
      versionsToDelete([ready(1, 1, true, true), ready(2, 2), ready(3, 3), ready(4, 4)], 5),
    ).toEqual([2]);
  });

  it('follows promotion, not version order, after a rollback', () => {
    // 4 served, then an admin rolled back to 2: 2 serves, 4 is the previous one.
    expect(versionsToDelete([ready(1, 1), ready(2, 5), ready(3, 3), ready(4, 4)], 5)).toEqual([
      1, 3,
    ]);
  });

  it('keeps the bytes of rejected versions among the newest N failed or rejected ones', () => {
    const versions = [rejected(1), failed(2), ready(3, 1), rejected(4), failed(5), ready(6, 2)];
    expect(versionsToDelete(versions, 1)).toEqual([1, 4]);
    expect(versionsToDelete(versions, 2)).toEqual([1]);
    expect(versionsToDelete(versions, 3)).toEqual([1]);
    expect(versionsToDelete(versions, 0)).toEqual([1, 4]);
    expect(versionsToDelete(versions, 4)).toEqual([]);
  });

  it('skips versions without bytes and lets a deleted ready one make way for the next', () => {
    expect(
      versionsToDelete([ready(1, 1), ready(2, 2), ready(3, 3, false), ready(4, 4)], 0),
    ).toEqual([1]);
    expect(versionsToDelete([], 5)).toEqual([]);
  });

  it('never deletes a training still running', () => {
    const running: RetainedFacts = {
      version: 9,
      status: 'training',
      promotion: null,
      hasArtifact: true,
      inExperiment: false,
    };
    expect(versionsToDelete([ready(1, 1), running], 0)).toEqual([]);
  });
});
