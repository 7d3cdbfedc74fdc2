// Online feedback per day, from GET /v1/admin/online-metrics.

import { COLORS, axis, count, day, draw, line, percent } from './charts.js';
import { panel, setPanelState } from './panel-state.js';

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
