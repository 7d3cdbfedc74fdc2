// Catalog coverage, from GET /v1/admin/dashboard/coverage.

import { COLORS, axis, count, draw, percent } from './charts.js';
import { element, panel, setPanelState } from './panel-state.js';

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
