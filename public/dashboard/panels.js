// The dashboard's panels: each takes the JSON of its data route and draws it.

import { COLORS, axis, count, day, dayTime, draw, line, percent, time } from './charts.js';
import { element, panel, setPanelState } from './panel-state.js';

/** Model quality: nDCG@10 of each version beside popularity's on the same split. */
export function renderQuality(history) {
  const section = panel('quality');
  const trained = history.items.filter((v) => v.metrics);
  if (trained.length === 0) {
    return setPanelState(section, 'empty', 'No trained model version yet.');
  }
  setPanelState(section, 'ready');
  const modelColor = trained.map((v) => (v.metrics.passedGate ? COLORS.model : COLORS.rejected));
  draw('chart-quality', {
    type: 'line',
    data: {
      labels: trained.map((v) => [`v${v.version}`, dayTime(v.trainedAt ?? v.createdAt)]),
      datasets: [
        {
          label: 'Model nDCG@10',
          data: trained.map((v) => v.metrics.ndcgAt10),
          borderColor: COLORS.model,
          backgroundColor: trained.map((v) => (v.metrics.passedGate ? COLORS.model : '#fff')),
          pointBorderColor: modelColor,
          pointBorderWidth: 2,
          pointRadius: trained.map((v) => (v.isServing ? 7 : 4)),
          borderWidth: 2.5,
        },
        line(
          'Popularity nDCG@10 (baseline)',
          trained.map((v) => v.metrics.popularityNdcgAt10),
          COLORS.baseline,
          { borderDash: [6, 4], pointRadius: 3 },
        ),
      ],
    },
    options: {
      scales: {
        x: axis('Model version · trained at (UTC)'),
        y: axis('nDCG@10', { beginAtZero: true, ticks: { callback: (v) => v.toFixed(2) } }),
      },
      plugins: {
        tooltip: {
          callbacks: {
            label: (item) => `${item.dataset.label}: ${item.parsed.y.toFixed(4)}`,
            afterBody: ([item]) => {
              const v = trained[item.dataIndex];
              return [
                `${v.algorithm ?? 'unknown'} · ${v.status}${v.isServing ? ' · serving' : ''}`,
                v.metrics.passedGate ? 'passed the quality gate' : 'held back by the quality gate',
              ];
            },
          },
        },
      },
    },
  });
}

const STEPS = [
  ['loadMs', 'Reading data'],
  ['evaluationMs', 'Offline evaluation'],
  ['trainingMs', 'Training'],
  ['encodeMs', 'Encoding'],
];

/** Training durations: each version's wall time, stacked by step. */
export function renderDurations(history) {
  const section = panel('durations');
  const timed = history.items.filter((v) => v.durations);
  if (timed.length === 0) {
    return setPanelState(section, 'empty', 'No finished training yet.');
  }
  setPanelState(section, 'ready');
  // Seconds, unless every training took under one (a small catalog): then milliseconds.
  const inSeconds = Math.max(...timed.map((v) => v.durations.totalMs)) >= 1000;
  const unit = inSeconds ? 's' : 'ms';
  const scale = (ms) => (inSeconds ? ms / 1000 : ms);
  const steps = STEPS.map(([key, label], i) => ({
    label,
    data: timed.map((v) => scale(v.durations[key])),
    backgroundColor: COLORS.steps[i],
  }));
  const rest = timed.map((v) => {
    const counted = STEPS.reduce((sum, [key]) => sum + v.durations[key], 0);
    return scale(Math.max(0, v.durations.totalMs - counted));
  });
  steps.push({ label: 'Storing and the rest', data: rest, backgroundColor: COLORS.steps[4] });
  draw('chart-durations', {
    type: 'bar',
    data: { labels: timed.map((v) => `v${v.version}`), datasets: steps },
    options: {
      scales: {
        x: axis('Model version', { stacked: true }),
        y: axis(`Wall time (${unit})`, { stacked: true, beginAtZero: true }),
      },
      plugins: {
        tooltip: {
          callbacks: {
            label: (item) => `${item.dataset.label}: ${formatDuration(item.parsed.y, unit)}`,
            footer: ([item]) =>
              `Total: ${formatDuration(scale(timed[item.dataIndex].durations.totalMs), unit)}`,
          },
        },
      },
    },
  });
}

function formatDuration(value, unit) {
  return unit === 's' ? `${value.toFixed(1)} s` : `${Math.round(value)} ms`;
}

/** The last `days` UTC days, oldest first, as YYYY-MM-DD. */
function lastDays(days) {
  const today = Date.parse(new Date().toISOString().slice(0, 10));
  return Array.from({ length: days }, (_, i) =>
    new Date(today - (days - 1 - i) * 86_400_000).toISOString().slice(0, 10),
  );
}

/** Online metrics summed per day over model versions and variants. */
export function totalsByDay(metrics, days) {
  const totals = new Map(
    lastDays(days).map((d) => [d, { impressions: 0, conversions: 0, positive: 0, rows: [] }]),
  );
  for (const row of metrics.days) {
    const total = totals.get(row.day);
    if (!total) continue;
    total.impressions += row.impressions;
    total.conversions += row.conversions;
    total.positive += row.positive;
    total.rows.push(row);
  }
  return [...totals.entries()];
}

/** Online feedback: click-through and positive rate per day, movies shown behind them. */
export function renderOnline(metrics, days) {
  const section = panel('online');
  const byDay = totalsByDay(metrics, days);
  document.getElementById('online-subtitle').textContent =
    `Of the movies shown in recommendation lists, the share then rated or watched ` +
    `(click-through) and the share rated 4★ or more (positive feedback), per UTC day over the ` +
    `last ${days} days. Feedback within ${metrics.attributionWindowHours} h of a list counts for it.`;
  if (byDay.every(([, t]) => t.impressions === 0)) {
    return setPanelState(section, 'empty', `No list was shown in the last ${days} days.`);
  }
  setPanelState(section, 'ready');
  const rate = (part, t) => (t.impressions === 0 ? null : (part / t.impressions) * 100);
  // Rates on the left axis, drawn over the bars of movies shown.
  const rateLine = { type: 'line', yAxisID: 'rate', borderWidth: 2.5, pointRadius: 4, order: 1 };
  draw('chart-online', {
    data: {
      labels: byDay.map(([d]) => day(d)),
      datasets: [
        line(
          'Click-through (%)',
          byDay.map(([, t]) => rate(t.conversions, t)),
          COLORS.model,
          {
            ...rateLine,
          },
        ),
        line(
          'Positive feedback (%)',
          byDay.map(([, t]) => rate(t.positive, t)),
          COLORS.positive,
          {
            ...rateLine,
          },
        ),
        {
          type: 'bar',
          label: 'Movies shown',
          yAxisID: 'shown',
          data: byDay.map(([, t]) => t.impressions),
          backgroundColor: COLORS.impressions,
          order: 2,
        },
      ],
    },
    options: {
      scales: {
        x: axis('Day (UTC)'),
        rate: axis('% of movies shown', {
          position: 'left',
          beginAtZero: true,
          ticks: { callback: (v) => `${v}%` },
        }),
        shown: axis('Movies shown', {
          position: 'right',
          beginAtZero: true,
          grid: { drawOnChartArea: false },
        }),
      },
      plugins: {
        tooltip: {
          callbacks: {
            label: (item) =>
              item.dataset.yAxisID === 'rate'
                ? `${item.dataset.label.replace(' (%)', '')}: ${item.parsed.y?.toFixed(2) ?? '–'}%`
                : `Movies shown: ${count(item.parsed.y)}`,
            afterBody: ([item]) =>
              byDay[item.dataIndex][1].rows.map(
                (row) =>
                  `${row.modelVersion === null ? 'popularity' : `v${row.modelVersion}`}` +
                  `${row.variant ? ` (${row.variant})` : ''}: ${count(row.impressions)} shown, ` +
                  `${percent(row.clickThroughRate, 2)} click-through`,
              ),
          },
        },
      },
    },
  });
}

/** Catalog coverage: what the model can reach, what lists reached, offline coverage. */
export function renderCoverage(coverage) {
  const section = panel('coverage');
  if (coverage.catalogMovies === 0) {
    return setPanelState(section, 'empty', 'The catalog is empty.');
  }
  setPanelState(section, 'ready');
  const share = (n) => n / coverage.catalogMovies;
  const shownLabel = `Shown in lists (${coverage.days} days)`;
  fillStats(document.getElementById('coverage-stats'), [
    [count(coverage.catalogMovies), 'movies in the catalog'],
    [
      percent(share(coverage.reachableMovies)),
      `reachable from a like (${count(coverage.reachableMovies)})`,
    ],
    [
      percent(share(coverage.shownMovies)),
      `shown in ${coverage.days} days (${count(coverage.shownMovies)})`,
    ],
  ]);
  const bars = [
    ['Known to the model', share(coverage.modelMovies), COLORS.steps[0]],
    ['Reachable from a like', share(coverage.reachableMovies), COLORS.model],
    [shownLabel, share(coverage.shownMovies), COLORS.positive],
  ];
  if (coverage.offline) {
    bars.push(['Offline top 10: model', coverage.offline.model, COLORS.p99]);
    bars.push(['Offline top 10: popularity', coverage.offline.popularity, COLORS.baseline]);
  }
  draw('chart-coverage', {
    type: 'bar',
    data: {
      labels: bars.map(([label]) => label),
      datasets: [
        {
          label: 'Share',
          data: bars.map(([, value]) => value * 100),
          backgroundColor: bars.map(([, , color]) => color),
          borderRadius: 4,
        },
      ],
    },
    options: {
      indexAxis: 'y',
      scales: {
        x: axis('% of the catalog (offline: % of the evaluated movies)', {
          min: 0,
          max: 100,
          ticks: { callback: (v) => `${v}%` },
        }),
        y: { ticks: { font: { size: 12.5 } } },
      },
      plugins: {
        legend: { display: false },
        tooltip: { callbacks: { label: (item) => `${item.parsed.x.toFixed(1)}%` } },
      },
    },
  });
  fillNotes(document.getElementById('coverage-notes'), [
    `Known to the model: movies in the catalog when v${coverage.modelVersion ?? '–'} trained.`,
    'Reachable from a like: movies in some movie’s neighbour list, so a user’s like can put ' +
      'them in a list; the rest come only from content similarity or popularity.',
    `Shown in lists: distinct movies in the lists shown over the last ${coverage.days} days.`,
    'Offline top 10: share of the evaluated movies that made some user’s top 10 at evaluation.',
  ]);
}

function fillStats(container, stats) {
  container.replaceChildren(
    ...stats.map(([value, label]) => {
      const stat = element('div', 'stat');
      stat.append(element('div', 'value', value), element('div', 'label', label));
      return stat;
    }),
  );
}

function fillNotes(list, notes) {
  list.replaceChildren(...notes.map((note) => element('li', '', note)));
}

/** Requests and latency of this process, from the in-memory sampler. */
export function renderTraffic(traffic) {
  const section = panel('traffic');
  const minutes = Math.round((traffic.intervalSeconds * traffic.capacity) / 60);
  document.getElementById('traffic-subtitle').textContent =
    `This server process: one point every ${traffic.intervalSeconds} s, the last ` +
    `${minutes} minutes kept in memory. Latency quantiles are estimated from the buckets of ` +
    `http_request_duration_seconds, every route together.`;
  if (traffic.points.length === 0) {
    return setPanelState(
      section,
      'empty',
      `No point yet: the first comes ${traffic.intervalSeconds} s after the server started.`,
    );
  }
  setPanelState(section, 'ready');
  const labels = traffic.points.map((p) => time(p.at));
  // Dots while the points are few (one point alone draws no line); a plain line past that.
  const pointRadius = traffic.points.length > 40 ? 0 : 2.5;
  const perSecond = (n) => n / traffic.intervalSeconds;
  draw('chart-traffic-rate', {
    type: 'line',
    data: {
      labels,
      datasets: [
        line(
          'Requests per second',
          traffic.points.map((p) => p.requestsPerSecond),
          COLORS.model,
          {
            backgroundColor: 'rgba(37, 99, 235, 0.15)',
            fill: true,
            pointRadius,
          },
        ),
        line(
          '5xx per second',
          traffic.points.map((p) => perSecond(p.serverErrors)),
          COLORS.error,
          {
            pointRadius,
            borderWidth: 1.5,
          },
        ),
      ],
    },
    options: {
      scales: {
        x: axis('Time (UTC)', { ticks: { maxTicksLimit: 8, maxRotation: 0 } }),
        y: axis('Requests / s', { beginAtZero: true }),
      },
    },
  });
  draw('chart-traffic-latency', {
    type: 'line',
    data: {
      labels,
      datasets: [
        line(
          'p50 latency',
          traffic.points.map((p) => p.p50Ms),
          COLORS.p50,
          { pointRadius },
        ),
        line(
          'p99 latency',
          traffic.points.map((p) => p.p99Ms),
          COLORS.p99,
          { pointRadius },
        ),
      ],
    },
    options: {
      scales: {
        x: axis('Time (UTC)', { ticks: { maxTicksLimit: 8, maxRotation: 0 } }),
        y: axis('Latency (ms)', { beginAtZero: true }),
      },
      plugins: {
        tooltip: {
          callbacks: { label: (item) => `${item.dataset.label}: ${item.parsed.y ?? '–'} ms` },
        },
      },
    },
  });
}
