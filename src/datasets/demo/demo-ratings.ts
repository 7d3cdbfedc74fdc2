import { cumulativeWeights, gaussian, sampleIndex, toHalfStars } from '../generator/sampling';
import { createSeededRandom, RandomSource } from '../../recommender/seeded-random';
import { DemoFilm } from './vega-films';

/** A generated demo viewer's taste: what the ratings were drawn from. */
export interface DemoViewer {
  favouriteGenres: [string, string];
  favouriteDirector: string | null;
  dislikedGenre: string;
}

export interface DemoRating {
  /** Index into the viewers. */
  viewer: number;
  /** Index into the films. */
  film: number;
  /** 0.5..5.0 in half steps. */
  rating: number;
  ratedAtSeconds: number;
}

export interface DemoRatingsOptions {
  viewers: number;
  seed: number;
}

/** Ratings end at 2024-01-01 UTC, so the same seed always gives the same data. */
const END_SECONDS = 1704067200;
const THREE_YEARS_SECONDS = 3 * 365 * 86400;

interface Pool {
  films: number[];
  cumulative: Float64Array;
}

function poolOf(films: DemoFilm[], members: number[], exponent: number): Pool {
  const weights = members.map((i) => Math.pow(films[i].imdbVotes + 100, exponent));
  return { films: members, cumulative: cumulativeWeights(weights) };
}

function pick(pool: Pool, random: RandomSource): number {
  return pool.films[sampleIndex(pool.cumulative, random)];
}

/**
 * A seeded taste model over the real films: each viewer loves two genres and often one
 * director, dislikes one genre, and watches mostly what they love (weighted by IMDb votes, so
 * famous films are watched most). Ratings follow the film's IMDb rating, shifted up for loved
 * genres and directors and down for the disliked genre. So what a recommender learns makes
 * sense: a horror fan's neighbours are horror films, and a director's films cluster.
 */
export function generateDemoRatings(
  films: DemoFilm[],
  options: DemoRatingsOptions,
): { viewers: DemoViewer[]; ratings: DemoRating[] } {
  const random = createSeededRandom(options.seed);
  const byGenre = new Map<string, number[]>();
  const byDirector = new Map<string, number[]>();
  films.forEach((film, i) => {
    for (const genre of film.genres) byGenre.set(genre, [...(byGenre.get(genre) ?? []), i]);
    if (film.director) byDirector.set(film.director, [...(byDirector.get(film.director) ?? []), i]);
  });
  const genres = [...byGenre.keys()].sort();
  const genrePools = new Map(genres.map((g) => [g, poolOf(films, byGenre.get(g) ?? [], 0.5)]));
  // Small genres get fans too: a genre's chance grows with the root of its size.
  const genreChoice = cumulativeWeights(genres.map((g) => Math.sqrt(byGenre.get(g)?.length ?? 0)));
  const directors = [...byDirector.entries()]
    .filter(([, list]) => list.length >= 4)
    .map(([d]) => d)
    .sort();
  const directorPools = new Map(
    directors.map((d) => [d, poolOf(films, byDirector.get(d) ?? [], 0.3)]),
  );
  const everything = poolOf(
    films,
    films.map((_, i) => i),
    0.7,
  );

  const viewers: DemoViewer[] = [];
  const ratings: DemoRating[] = [];
  for (let v = 0; v < options.viewers; v++) {
    const first = genres[sampleIndex(genreChoice, random)];
    let second = genres[sampleIndex(genreChoice, random)];
    if (second === first) second = genres[sampleIndex(genreChoice, random)];
    const others = genres.filter((g) => g !== first && g !== second);
    const viewer: DemoViewer = {
      favouriteGenres: [first, second],
      favouriteDirector: random() < 0.5 ? directors[Math.floor(random() * directors.length)] : null,
      dislikedGenre: others[Math.floor(random() * others.length)],
    };
    viewers.push(viewer);
    const count = Math.min(
      150,
      15 + Math.floor(12 * (Math.pow(Math.max(random(), 1e-6), -0.8) - 1)),
    );
    const bias = 0.3 * gaussian(random);
    const seen = new Set<number>();
    let time = END_SECONDS - Math.floor(random() * THREE_YEARS_SECONDS);
    for (let tries = 0; seen.size < count && tries < count * 20; tries++) {
      const r = random();
      const film =
        r < 0.45
          ? pick(genrePools.get(first)!, random)
          : r < 0.65
            ? pick(genrePools.get(second)!, random)
            : r < 0.8 && viewer.favouriteDirector
              ? pick(directorPools.get(viewer.favouriteDirector)!, random)
              : pick(everything, random);
      if (seen.has(film)) continue;
      seen.add(film);
      time = Math.min(END_SECONDS, time + Math.floor(random() * 86400 * 7));
      ratings.push({
        viewer: v,
        film,
        rating: rate(films[film], viewer, bias, random),
        ratedAtSeconds: time,
      });
    }
  }
  return { viewers, ratings };
}

function rate(film: DemoFilm, viewer: DemoViewer, bias: number, random: RandomSource): number {
  const quality = ((film.imdbRating ?? 6.3) - 6.3) * 0.55;
  const loved = film.genres.some((g) => viewer.favouriteGenres.includes(g)) ? 0.7 : 0;
  const director = film.director !== null && film.director === viewer.favouriteDirector ? 0.8 : 0;
  const disliked = film.genres.includes(viewer.dislikedGenre) ? -1.2 : 0;
  return toHalfStars(2.9 + quality + loved + director + disliked + bias + 0.55 * gaussian(random));
}
