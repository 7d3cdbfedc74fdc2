import { FillGuard } from './fill-guard';

describe('FillGuard', () => {
  let guard: FillGuard<number>;

  beforeEach(() => {
    guard = new FillGuard<number>();
    guard.trusted = true;
  });

  it('keeps a read that nothing overtook', () => {
    const startedAt = guard.started();
    expect(guard.keeps(startedAt, 1)).toBe(true);
    expect(guard.keeps(startedAt)).toBe(true);
  });

  it('drops a read overtaken by a change of everything', () => {
    const startedAt = guard.started();
    guard.overtakeAll();
    expect(guard.keeps(startedAt, 1)).toBe(false);
    expect(guard.keeps(guard.started(), 1)).toBe(true);
  });

  it('drops only the overtaken key of a read, and not a read started after it', () => {
    const startedAt = guard.started();
    guard.overtake(1);
    expect(guard.keeps(startedAt, 1)).toBe(false);
    expect(guard.keeps(startedAt, 2)).toBe(true);
    expect(guard.keeps(guard.started(), 1)).toBe(true);
  });

  it('keeps nothing while untrusted, nor what was read before trust came back', () => {
    const before = guard.started();
    guard.trusted = false;
    expect(guard.keeps(guard.started(), 1)).toBe(false);
    guard.trusted = true;
    expect(guard.keeps(before, 1)).toBe(false);
    expect(guard.keeps(guard.started(), 1)).toBe(true);
  });
});
