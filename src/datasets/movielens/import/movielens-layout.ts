import { readdir } from 'node:fs/promises';
import { detectMovieLensFormat, MovieLensFormat } from '../movielens-format';
import { FieldLayout } from './copy-rows';
import { MovieLensImportError } from './import-error';

/** The files of a MovieLens folder the importer reads, and how their fields are separated. */
export interface ImportLayout {
  format: MovieLensFormat;
  fields: FieldLayout;
  ratings: string;
  movies: string;
  tags: string | null;
  genres: string | null;
  links: string | null;
  users: string | null;
  usersFields: FieldLayout;
}

/**
 * Recognises the folder's release by its file names (ml-100k `u.*`, ml-1m/10m `*.dat`,
 * ml-latest*, 20m, 25m, 32m `*.csv`) through the recommender core's detection, and adds the
 * files only the importer needs: `links.csv` (IMDb/TMDB ids) and the user lists.
 */
export async function resolveImportLayout(dir: string): Promise<ImportLayout> {
  const names = await readdir(dir).catch(() => {
    throw new MovieLensImportError(dir, null, 'is not a readable folder');
  });
  const layout = detectMovieLensFormat(names);
  if (!layout) {
    throw new MovieLensImportError(
      dir,
      null,
      'is not a MovieLens folder (expected ratings.csv + movies.csv, ratings.dat + movies.dat, or u.data + u.item)',
    );
  }
  const optional = (name: string): string | null => (names.includes(name) ? name : null);
  switch (layout.format) {
    case 'ml-csv':
      return {
        ...layout,
        fields: 'csv',
        links: optional('links.csv'),
        users: null,
        usersFields: 'csv',
      };
    case 'ml-dat':
      return {
        ...layout,
        fields: 'dat',
        links: null,
        users: optional('users.dat'),
        usersFields: 'dat',
      };
    case 'ml-100k':
      return {
        ...layout,
        fields: 'tab',
        links: null,
        users: optional('u.user'),
        usersFields: 'pipe',
      };
  }
}
