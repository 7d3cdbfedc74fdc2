// The model's panels: offline quality and training time per version, from the model history.

import { COLORS, axis, dayTime, draw, line } from './charts.js';
import { panel, setPanelState } from './panel-state.js';

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
