// Requests and latency of this process, from GET /v1/admin/dashboard/traffic.

import { COLORS, axis, draw, line, time } from './charts.js';
import { panel, setPanelState } from './panel-state.js';

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
