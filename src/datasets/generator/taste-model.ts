import { createSeededRandom, RandomSource, shuffleRange } from '../../recommender/seeded-random';
import { cumulativeWeights, gaussian, sampleIndex } from './sampling';

/** The 18 genres of the MovieLens releases. */
export const MOVIELENS_GENRES = [
  'Action',
  'Adventure',
  'Animation',
  'Children',
  'Comedy',
  'Crime',
  'Documentary',
  'Drama',
  'Fantasy',
  'Film-Noir',
  'Horror',
  'Musical',
  'Mystery',
  'Romance',
  'Sci-Fi',
  'Thriller',
  'War',
  'Western',
] as const;

/** Taste clusters: the genres a cluster's films carry. A user loves one or two clusters. */
const CLUSTERS: number[][] = [
  [0, 15],
  [0, 1, 14],
  [10, 15],
  [4, 13],
  [7, 13],
  [5, 7, 15],
  [2, 3, 4],
  [8, 1],
  [9, 5, 12],
  [16, 7],
  [17, 0],
  [11, 4, 13],
  [6],
  [14, 10],
];

export interface GeneratedMovie {
  id: number;
  /** Display title, e.g. "The Silent River". */
  title: string;
  year: number;
  genres: number[];
  cluster: number;
  /** Offset from the global mean rating (film quality). */
  quality: number;
}

export interface GeneratedUser {
  id: number;
  ratingCount: number;
  clusters: [number, number];
  bias: number;
  /** Epoch seconds of the user's first rating. */
  since: number;
}

export interface TasteModel {
  movies: GeneratedMovie[];
  users: GeneratedUser[];
  random: RandomSource;
  /** Picks a movie index for a user: mostly from the user's clusters, by Zipf popularity. */
  pickMovie(user: GeneratedUser): number;
  /** A rating in [1, 5] before rounding: global mean + quality + bias + taste + noise. */
  rate(user: GeneratedUser, movie: number): number;
}

const WORDS_A = [
  'Silent',
  'Last',
  'Crimson',
  'Hidden',
  'Broken',
  'Golden',
  'Dark',
  'Lost',
  'Wild',
  'Midnight',
  'Electric',
  'Frozen',
  'Secret',
  'Little',
  'Final',
  'Burning',
];
const WORDS_B = [
  'River',
  'Kingdom',
  'Summer',
  'Road',
  'Garden',
  'Machine',
  'Heart',
  'Night',
  'City',
  'Island',
  'Witness',
  'Dream',
  'Empire',
  'Stranger',
  'Café',
  'Horizon',
];

function makeTitle(i: number, random: RandomSource): string {
  const a = WORDS_A[Math.floor(random() * WORDS_A.length)];
  const b = WORDS_B[Math.floor(random() * WORDS_B.length)];
  const kind = i % 10;
  // Some titles need CSV quoting (a comma, a quote); "The" leads a few, as MovieLens stores them.
  if (kind === 3) return `${a} ${b}, Part ${(i % 4) + 2}`;
  if (kind === 7) return `The "${a}" ${b}`;
  if (kind === 5) return `The ${a} ${b} ${i}`;
  return `${a} ${b} ${i}`;
}

function makeMovies(count: number, random: RandomSource): GeneratedMovie[] {
  return Array.from({ length: count }, (_, i) => {
    const cluster = Math.floor(random() * CLUSTERS.length);
    const genres = [...CLUSTERS[cluster]];
    if (random() < 0.3) genres.push(Math.floor(random() * MOVIELENS_GENRES.length));
    return {
      id: i + 1,
      title: makeTitle(i + 1, random),
      year: 1930 + Math.floor(Math.pow(random(), 0.5) * 88),
      genres: [...new Set(genres)].sort((x, y) => x - y),
      cluster,
      quality: 0.45 * gaussian(random),
    };
  });
}

/** Activity per user: at least 20 ratings (as MovieLens requires), then a Pareto tail. */
function makeUsers(
  count: number,
  ratings: number,
  movieCount: number,
  random: RandomSource,
): GeneratedUser[] {
  const floor = Math.min(20, Math.floor(ratings / count));
  const cap = Math.max(floor, Math.floor(movieCount * 0.6));
  const tail = Array.from(
    { length: count },
    () => Math.pow(Math.max(random(), 1e-9), -1 / 1.3) - 1,
  );
  const tailSum = tail.reduce((a, b) => a + b, 0);
  const spare = ratings - floor * count;
  const counts = tail.map((t) => Math.min(cap, floor + Math.floor((spare * t) / tailSum)));
  // Hand out what rounding and the cap left, one rating at a time to users below the cap.
  let missing = ratings - counts.reduce((a, b) => a + b, 0);
  for (let u = 0; missing > 0 && u < count * 1000; u++) {
    const k = Math.floor(random() * count);
    if (counts[k] < cap) {
      counts[k]++;
      missing--;
    }
  }
  return counts.map((ratingCount, u) => ({
    id: u + 1,
    ratingCount,
    clusters: [Math.floor(random() * CLUSTERS.length), Math.floor(random() * CLUSTERS.length)],
    bias: 0.35 * gaussian(random),
    since: 828000000 + Math.floor(random() * 670000000),
  }));
}

/**
 * A seeded taste model: movies in genre clusters with Zipf-like popularity, users with a
 * long-tailed activity who watch mostly (80%) within their two clusters and rate them higher.
 */
export function buildTasteModel(
  counts: { ratings: number; users: number; movies: number },
  seed: number,
): TasteModel {
  const random = createSeededRandom(seed);
  const movies = makeMovies(counts.movies, random);
  const users = makeUsers(counts.users, counts.ratings, counts.movies, random);
  // Zipf popularity over a random order of the movies.
  const weight = movies.map(() => 0);
  const order = Int32Array.from(movies, (_, i) => i);
  shuffleRange(order, 0, order.length, random);
  order.forEach((movie, rank) => (weight[movie] = Math.pow(rank + 1, -0.9)));
  const members = CLUSTERS.map((_, c) => movies.flatMap((m, i) => (m.cluster === c ? [i] : [])));
  const clusterCum = members.map((list) => cumulativeWeights(list.map((i) => weight[i])));
  const globalCum = cumulativeWeights(weight);
  return {
    movies,
    users,
    random,
    pickMovie(user) {
      const r = random();
      const cluster = r < 0.55 ? user.clusters[0] : r < 0.8 ? user.clusters[1] : -1;
      if (cluster < 0 || members[cluster].length === 0) return sampleIndex(globalCum, random);
      return members[cluster][sampleIndex(clusterCum[cluster], random)];
    },
    rate(user, movie) {
      const m = movies[movie];
      const taste = m.cluster === user.clusters[0] || m.cluster === user.clusters[1] ? 0.6 : -0.4;
      return 3.4 + m.quality + user.bias + taste + 0.7 * gaussian(random);
    },
  };
}
