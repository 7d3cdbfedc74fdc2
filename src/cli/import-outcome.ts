import { ImportMovieLensSummary } from '../datasets/movielens/import/import-movielens';

/**
 * What the import changed beyond what it added, and what to do next: the lines printed after
 * the import's summary. The served model knows none of the imported ratings until a retrain.
 */
export function formatImportOutcome(summary: ImportMovieLensSummary): string {
  const demo = summary.replacedDemo;
  const replaced = demo
    ? `  replaced the demo catalog: removed ${demo.movies} demo movies, ${demo.users} demo ` +
      `viewers with ${demo.ratings} ratings, ${demo.genres} genres no movie uses any more and ` +
      `${demo.modelVersions} demo model versions; recommendations fall back to popularity ` +
      'until the retrain below\n'
    : '';
  return `${replaced}next: npm run train (a running server serves the new model as soon as it is stored)\n`;
}
