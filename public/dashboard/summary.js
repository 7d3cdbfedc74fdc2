// The row of numbers above the panels: what an admin wants to know at a glance.

import { COLORS, count, dayTime, percent } from './charts.js';
import { element } from './panel-state.js';
import { totalsByDay } from './online-panel.js';

/** Fills the tiles from whatever loaded (a missing source shows a dash). */
export function renderSummary({ history, online, coverage, traffic }, days) {
  const tiles = [];
  const serving = history?.items.find((v) => v.isServing);
  tiles.push([
    'Serving model',
    serving ? `v${serving.version}` : 'popularity',
    serving
      ? `${serving.algorithm ?? ''} · trained ${dayTime(serving.trainedAt ?? serving.createdAt)}`
      : 'no model serves yet',
    COLORS.model,
  ]);
  const quality = serving?.metrics;
  tiles.push([
    'Offline nDCG@10',
    quality ? quality.ndcgAt10.toFixed(3) : '–',
    quality ? `popularity ${quality.popularityNdcgAt10.toFixed(3)} (${lift(quality)})` : '',
    COLORS.p99,
  ]);
  if (online) {
    const total = totalsByDay(online, days).reduce(
      (sum, [, t]) => ({
        impressions: sum.impressions + t.impressions,
        conversions: sum.conversions + t.conversions,
        positive: sum.positive + t.positive,
      }),
      { impressions: 0, conversions: 0, positive: 0 },
    );
    const rate = (part) => (total.impressions ? percent(part / total.impressions, 2) : '–');
    tiles.push([
      `Click-through, ${days} days`,
      rate(total.conversions),
      `${count(total.conversions)} of ${count(total.impressions)} movies shown`,
      COLORS.model,
    ]);
    tiles.push([
      `Positive feedback, ${days} days`,
      rate(total.positive),
      `${count(total.positive)} rated 4★ or more`,
      COLORS.positive,
    ]);
  }
  if (coverage && coverage.catalogMovies > 0) {
    tiles.push([
      'Catalog shown',
      percent(coverage.shownMovies / coverage.catalogMovies),
      `${count(coverage.shownMovies)} of ${count(coverage.catalogMovies)} movies, ${days} days`,
      COLORS.positive,
    ]);
  }
  const minute = lastMinute(traffic);
  tiles.push([
    'Requests, last minute',
    minute ? `${minute.perSecond.toFixed(1)}/s` : '–',
    minute ? `p99 up to ${minute.p99Ms ?? '–'} ms (this process)` : 'no point yet',
    COLORS.p50,
  ]);
  document.getElementById('summary').replaceChildren(
    ...tiles.map(([label, value, detail, accent]) => {
      const tile = element('div', 'tile');
      tile.style.setProperty('--accent', accent);
      tile.append(
        element('div', 'label', label),
        element('div', 'value', value),
        element('div', 'detail', detail),
      );
      return tile;
    }),
  );
}

/** The model's nDCG relative to popularity's: "+38% vs popularity". */
function lift(quality) {
  if (quality.popularityNdcgAt10 === 0) return 'no baseline';
  const change = quality.ndcgAt10 / quality.popularityNdcgAt10 - 1;
  return `${change >= 0 ? '+' : ''}${(change * 100).toFixed(0)}%`;
}

/** The traffic points of the last minute: their request rate and their highest p99. */
function lastMinute(traffic) {
  const points = traffic?.points.slice(-Math.max(1, Math.round(60 / traffic.intervalSeconds)));
  if (!points || points.length === 0) return null;
  const requests = points.reduce((sum, p) => sum + p.requests, 0);
  const p99s = points.map((p) => p.p99Ms).filter((ms) => ms !== null);
  return {
    perSecond: requests / (points.length * traffic.intervalSeconds),
    p99Ms: p99s.length > 0 ? Math.max(...p99s) : null,
  };
}
