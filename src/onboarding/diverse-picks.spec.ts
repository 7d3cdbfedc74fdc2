import { diversePicks as picksOf, PickCandidate } from './diverse-picks';

const diversePicks = (candidates: readonly PickCandidate[], limit: number): number[] =>
  picksOf(candidates, limit).map((candidate) => candidate.id);

describe('diversePicks', () => {
  const candidates = [
    { id: 1, genres: ['Comedy'] },
    { id: 2, genres: ['Comedy'] },
    { id: 3, genres: ['Comedy', 'Romance'] },
    { id: 4, genres: ['Horror'] },
    { id: 5, genres: [] },
    { id: 6, genres: ['Western'] },
  ];

  it('takes the most popular first, then the least covered genres, popularity breaking ties', () => {
    // 1 (Comedy); 4 (Horror, uncovered, before 6 by popularity); 6 (Western); then 3 covers
    // half as much as 2 (Romance is new); then 5 (no genre counts as covered by all 4 picks)
    // loses to 2 (Comedy: 2 picks).
    expect(diversePicks(candidates, 6)).toEqual([1, 4, 6, 3, 2, 5]);
  });

  it('stops at the limit or when the candidates run out', () => {
    expect(diversePicks(candidates, 2)).toEqual([1, 4]);
    expect(diversePicks(candidates.slice(0, 2), 5)).toEqual([1, 2]);
    expect(diversePicks([], 5)).toEqual([]);
  });
});
