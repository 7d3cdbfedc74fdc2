// Chart.js (the UMD build loaded before this module defines the global `Chart`) set up once for
// every panel, and the formats the panels share.

export const COLORS = {
  model: '#2563eb',
  baseline: '#9ca3af',
  rejected: '#ea580c',
  positive: '#059669',
  impressions: 'rgba(99, 102, 241, 0.22)',
  error: '#dc2626',
  p50: '#0d9488',
  p99: '#7c3aed',
  steps: ['#93c5fd', '#3b82f6', '#1d4ed8', '#a78bfa', '#d1d5db'],
};

export function setUpCharts() {
  Chart.defaults.font.family = getComputedStyle(document.documentElement).fontFamily;
  Chart.defaults.font.size = 12;
  Chart.defaults.color = '#4b5563';
  Chart.defaults.borderColor = '#e5e7eb';
  // Drawn at once: a dashboard refreshes, and a test or a screenshot sees the final picture.
  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.plugins.legend.labels.boxWidth = 14;
  Chart.defaults.plugins.legend.labels.boxHeight = 14;
  Chart.defaults.plugins.tooltip.mode = 'index';
  Chart.defaults.plugins.tooltip.intersect = false;
}

/** Draws `config` on the canvas `canvasId`, replacing the chart drawn there before. */
export function draw(canvasId, config) {
  Chart.getChart(canvasId)?.destroy();
  return new Chart(document.getElementById(canvasId), config);
}

/** A line of `color` (its points and legend box too). */
export function line(label, data, color, options = {}) {
  return { label, data, borderColor: color, backgroundColor: color, borderWidth: 2, ...options };
}

/** A scale with a title (the quantity and its unit). */
export function axis(title, options = {}) {
  return {
    ...options,
    title: { display: true, text: title, font: { weight: '600' } },
  };
}

export function percent(share, digits = 1) {
  return share === null || share === undefined ? '–' : `${(share * 100).toFixed(digits)}%`;
}

export function count(n) {
  return n === null || n === undefined ? '–' : n.toLocaleString('en-US');
}

const DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const DAY_TIME = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
});
const TIME = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  timeZone: 'UTC',
});

/** "12 Mar" (UTC) of an ISO date or instant. */
export function day(iso) {
  return DAY.format(new Date(iso));
}

/** "12 Mar, 14:02" (UTC). */
export function dayTime(iso) {
  return DAY_TIME.format(new Date(iso));
}

/** "14:02:10" (UTC). */
export function time(iso) {
  return TIME.format(new Date(iso));
}
