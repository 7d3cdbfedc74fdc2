import { Http } from './http';
import { waitFor } from './wait-for';

/**
 * Trains a new version through the admin route (by default forced: the quality gate lets it
 * serve) and waits until it is stored and ready; returns its number.
 */
export async function trainVersion(
  http: Http,
  adminToken: string,
  query = 'force=true',
): Promise<number> {
  // A version is listed as ready a moment before its training lets go of the training lock, so
  // a retrain right after the last one may be refused with 409 "already running": retried.
  const started = await waitFor(async () => {
    const response = await http.post(`/v1/recommendations/model/retrain?${query}`, {
      token: adminToken,
    });
    const busy = response.status === 409 && /already running/.test(String(response.body.message));
    return busy ? undefined : response;
  }, 'the training lock to be free for a retrain');
  if (started.status !== 202) throw new Error(`retrain refused: ${JSON.stringify(started.body)}`);
  const version = started.body.version as number;
  await waitFor(async () => {
    const { body } = await http.get('/v1/recommendations/model/versions?limit=1');
    return body.items[0]?.version === version && body.items[0].status === 'ready'
      ? true
      : undefined;
  }, `version ${version} to be stored`);
  return version;
}
