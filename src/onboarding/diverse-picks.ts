/** A candidate for the onboarding list: a movie and its genres, most popular first. */
export interface PickCandidate {
  id: number;
  genres: readonly string[];
}

/**
 * Up to `limit` of `candidates` (given most popular first) spread across genres: each step takes
 * the candidate whose genres are the least covered so far, popularity breaking ties (the earlier
 * candidate wins). A movie's coverage is the mean, over its genres, of how many picks already
 * have that genre, so a Comedy|Romance film follows a Comedy before a Western does, and a
 * movie with no genre counts as covered by everything picked so far.
 *
 * Greedy and deterministic: the same catalog gives the same list.
 */
export function diversePicks<Candidate extends PickCandidate>(
  candidates: readonly Candidate[],
  limit: number,
): Candidate[] {
  const picked: Candidate[] = [];
  const taken = new Set<number>();
  const perGenre = new Map<string, number>();
  while (picked.length < limit && taken.size < candidates.length) {
    let best = -1;
    let bestCoverage = Infinity;
    candidates.forEach((candidate, index) => {
      if (taken.has(index)) return;
      const coverage = coverageOf(candidate, perGenre, picked.length);
      if (coverage < bestCoverage) {
        best = index;
        bestCoverage = coverage;
      }
    });
    taken.add(best);
    picked.push(candidates[best]);
    for (const genre of candidates[best].genres) {
      perGenre.set(genre, (perGenre.get(genre) ?? 0) + 1);
    }
  }
  return picked;
}

function coverageOf(
  candidate: PickCandidate,
  perGenre: ReadonlyMap<string, number>,
  pickedSoFar: number,
): number {
  if (candidate.genres.length === 0) return pickedSoFar;
  let sum = 0;
  for (const genre of candidate.genres) sum += perGenre.get(genre) ?? 0;
  return sum / candidate.genres.length;
}
