import { AppConfig } from '../../config/app-config';
import { DemoDataResult, loadDemoData } from './load-demo-data';

/**
 * The start-up hook: loads the demo catalog when DEMO_DATA is on, the database is the embedded
 * default (no DATABASE_URL) and the catalog is empty; returns null when it does not apply and
 * `loaded: false` when the catalog already had movies. Call it after the migrations ran and
 * before training, with the URL that resolveDatabase() gave.
 */
export async function loadDemoDataAtStartUp(
  config: AppConfig,
  databaseUrl: string,
): Promise<DemoDataResult | null> {
  if (!config.training.demoData || config.database.url !== undefined) return null;
  return loadDemoData(databaseUrl);
}
