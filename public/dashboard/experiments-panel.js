// The experiments panel, kept apart so that it can be wired to GET /v1/admin/experiments on its
// own. Shape read here:
//   { items: [{ id, name, status: 'running'|'stopped', startedAt, stoppedAt,
//               variants: [{ name, modelVersion, share }],
//               results: { method, confidence, variants: [{ name, modelVersion, users,
//                 impressions, conversions, positives, clickThrough: { rate, low, high },
//                 positiveRate: { rate, low, high },
//                 versusControl: null | { metric, difference, low, high, pValue,
//                                         neededPerVariant } }] } }] }
// difference, low, high and pValue are null while the control or the variant has no impressions.
// A 404 (no such route yet) or an empty list reads "No experiment yet".

import { ApiError, api } from './api.js';
import { COLORS, axis, count, dayTime, draw, percent } from './charts.js';
import { element, panel, setPanelState } from './panel-state.js';

/** The experiments' JSON, or null when the server has none (404 or an empty list). */
export async function loadExperiments() {
  try {
    const body = await api('/v1/admin/experiments');
    return body && Array.isArray(body.items) && body.items.length > 0 ? body.items : null;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

/** Draws the running experiment, or else the newest one; null draws "No experiment yet". */
export function renderExperiments(experiments) {
  const section = panel('experiments');
  const body = document.getElementById('experiments-body');
  if (experiments === null) {
    body.replaceChildren();
    return setPanelState(section, 'empty', 'No experiment yet.');
  }
  setPanelState(section, 'ready');
  const newestFirst = [...experiments].sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  const shown = newestFirst.find((e) => e.status === 'running') ?? newestFirst[0];
  const others = experiments.length - 1;
  body.replaceChildren(heading(shown, others), charts(), resultsTable(shown.results));
  const confidence = Math.round((shown.results.confidence ?? 0.95) * 100);
  drawIntervals('chart-experiment-ctr', shown.results, 'clickThrough', 'Click-through', confidence);
  drawIntervals(
    'chart-experiment-positive',
    shown.results,
    'positiveRate',
    'Positive feedback',
    confidence,
  );
}

function heading(experiment, others) {
  const head = element('div', 'experiment-head');
  const badge = element('span', `badge ${experiment.status}`, experiment.status);
  const period =
    `started ${dayTime(experiment.startedAt)} UTC` +
    (experiment.stoppedAt ? `, stopped ${dayTime(experiment.stoppedAt)} UTC` : '');
  const split = experiment.variants
    .map((v) => `${v.name} (v${v.modelVersion}, ${percent(v.share, 0)})`)
    .join(' vs ');
  head.append(
    element('h3', '', experiment.name),
    badge,
    element('span', 'muted', `${period} · ${split} · ${experiment.results.method}`),
  );
  if (others > 0) head.append(element('span', 'muted', `(${others} earlier not shown)`));
  return head;
}

function charts() {
  const grid = element('div', 'experiment-charts');
  for (const id of ['chart-experiment-ctr', 'chart-experiment-positive']) {
    const box = element('div', 'chart-box');
    const canvas = document.createElement('canvas');
    canvas.id = id;
    box.append(canvas);
    grid.append(box);
  }
  return grid;
}

/** Each variant's rate as a point on its interval (a floating bar from low to high). */
function drawIntervals(canvasId, results, metric, title, confidence) {
  const variants = results.variants;
  draw(canvasId, {
    data: {
      labels: variants.map((v) => `${v.name} (v${v.modelVersion})`),
      datasets: [
        {
          type: 'line',
          label: `${title} rate`,
          data: variants.map((v) => v[metric].rate * 100),
          showLine: false,
          pointRadius: 7,
          pointStyle: 'rectRot',
          borderColor: COLORS.model,
          backgroundColor: COLORS.model,
          order: 1,
        },
        {
          type: 'bar',
          label: `${confidence}% interval`,
          data: variants.map((v) => [v[metric].low * 100, v[metric].high * 100]),
          backgroundColor: 'rgba(37, 99, 235, 0.22)',
          borderColor: 'rgba(37, 99, 235, 0.6)',
          borderWidth: 1,
          barPercentage: 0.35,
          order: 2,
        },
      ],
    },
    options: {
      scales: {
        x: axis('Variant (model version)'),
        y: axis(`${title} (% of movies shown)`, {
          beginAtZero: true,
          ticks: { callback: (v) => `${v}%` },
        }),
      },
      plugins: {
        title: { display: true, text: `${title}, ${confidence}% intervals` },
        tooltip: {
          callbacks: {
            label: (item) => {
              const value = variants[item.dataIndex][metric];
              return item.dataset.type === 'bar'
                ? `${item.dataset.label}: ${percent(value.low, 2)} – ${percent(value.high, 2)}`
                : `${item.dataset.label}: ${percent(value.rate, 2)}`;
            },
          },
        },
      },
    },
  });
}

function resultsTable(results) {
  const table = element('table', 'results');
  const head = element('tr');
  for (const title of [
    'Variant',
    'Users',
    'Movies shown',
    'Conversions',
    'Click-through (95% CI)',
    'Positive (95% CI)',
    'Difference vs control (CI)',
    'p-value',
    'Needed per variant',
  ]) {
    head.append(element('th', '', title));
  }
  table.append(head);
  for (const v of results.variants) {
    const row = element('tr');
    const versus = v.versusControl;
    for (const cell of [
      `${v.name} (v${v.modelVersion})`,
      count(v.users),
      count(v.impressions),
      count(v.conversions),
      interval(v.clickThrough),
      interval(v.positiveRate),
      difference(versus),
      versus && versus.pValue !== null ? versus.pValue.toFixed(3) : '',
      versus ? count(versus.neededPerVariant) : '',
    ]) {
      row.append(element('td', '', cell));
    }
    table.append(row);
  }
  return table;
}

const METRICS = { clickThrough: 'click-through', positiveRate: 'positive' };

/** The difference cell; the route answers null figures while a side has no impressions. */
function difference(versus) {
  if (!versus) return 'control';
  if (versus.difference === null) return 'no impressions yet';
  return (
    `${signed(versus.difference)} ${METRICS[versus.metric] ?? versus.metric} ` +
    `(${signed(versus.low)} to ${signed(versus.high)})`
  );
}

function interval(value) {
  return `${percent(value.rate, 2)} (${percent(value.low, 2)} – ${percent(value.high, 2)})`;
}

/** A difference of rates in percentage points, with its sign. */
function signed(difference) {
  const points = (difference * 100).toFixed(2);
  return `${difference > 0 ? '+' : ''}${points} pp`;
}
