// The dashboard page: sign in, load every panel's data with the admin's token, draw, refresh.

import { ApiError, api, hasToken, signIn, signOut } from './api.js';
import { setUpCharts, time } from './charts.js';
import { loadExperiments, renderExperiments } from './experiments-panel.js';
import { panel, setPanelState } from './panel-state.js';
import { renderCoverage } from './coverage-panel.js';
import { renderDurations, renderQuality } from './model-panels.js';
import { renderOnline } from './online-panel.js';
import { renderTraffic } from './traffic-panel.js';
import { renderSummary } from './summary.js';

/** The period of the online metrics and the coverage of shown movies. */
const DAYS = 14;
/**
 * Every source is read again every 5 minutes (the online metrics scan the period's impressions:
 * not every few seconds per open page); the traffic points as often as the sampler adds one.
 */
const REFRESH_ALL_MS = 300_000;
const MIN_TRAFFIC_REFRESH_MS = 5_000;

const $ = (id) => document.getElementById(id);
const timers = [];
let signedInAs = '';
/** The last answer of each source, for the summary tiles. */
let latest = {};

function show(view) {
  $('login-view').hidden = view !== 'login';
  $('forbidden-view').hidden = view !== 'forbidden';
  $('dashboard-view').hidden = view !== 'dashboard';
  $('session').hidden = view === 'login';
  $('refresh').hidden = view !== 'dashboard';
  if (view !== 'dashboard') stopTimers();
}

function showLogin(message = '') {
  $('login-error').textContent = message;
  show('login');
  $('login-form').elements.email.focus();
}

/** What every failed call that is no panel's own problem means for the whole page. */
async function onSessionError(error) {
  if (error.status === 403) {
    $('forbidden-who').textContent = signedInAs || 'this account';
    show('forbidden');
  } else {
    await signOut();
    showLogin('Your session has ended: sign in again.');
  }
}

const isSessionError = (error) =>
  error instanceof ApiError && (error.status === 401 || error.status === 403);

async function openDashboard() {
  try {
    const me = await api('/v1/users/me');
    signedInAs = me.email;
    $('who').textContent = me.email;
    // The first admin-only call decides whether this account may see the dashboard.
    const history = await SOURCES.history();
    show('dashboard');
    latest = {};
    await refresh(Object.keys(SOURCES), { history });
    startTimers();
  } catch (error) {
    if (isSessionError(error)) return onSessionError(error);
    showLogin(`Could not load the dashboard: ${error.message}`);
  }
}

const SOURCES = {
  history: () => api('/v1/admin/dashboard/model-history?limit=30'),
  online: () => api(`/v1/admin/online-metrics?days=${DAYS}`),
  coverage: () => api(`/v1/admin/dashboard/coverage?days=${DAYS}`),
  traffic: () => api('/v1/admin/dashboard/traffic'),
  experiments: () => loadExperiments(),
};

/** Which panels each source draws, and how. */
const PANELS = {
  history: [
    ['quality', renderQuality],
    ['durations', renderDurations],
  ],
  online: [['online', (data) => renderOnline(data, DAYS)]],
  coverage: [['coverage', renderCoverage]],
  traffic: [['traffic', renderTraffic]],
  experiments: [['experiments', renderExperiments]],
};

function startTimers() {
  stopTimers();
  const trafficMs = Math.max(
    MIN_TRAFFIC_REFRESH_MS,
    (latest.traffic?.intervalSeconds ?? 10) * 1000,
  );
  timers.push(setInterval(() => void refresh(Object.keys(SOURCES)), REFRESH_ALL_MS));
  timers.push(setInterval(() => void refresh(['traffic']), trafficMs));
}

function stopTimers() {
  timers.splice(0).forEach(clearInterval);
}

/**
 * Loads the named sources at once (`given`: answers already in hand); a failed one marks its
 * panels, the others still draw.
 */
async function refresh(names, given = {}) {
  const settled = await Promise.allSettled(
    names.map((name) => (given[name] ? given[name] : SOURCES[name]())),
  );
  for (const [i, name] of names.entries()) {
    const result = settled[i];
    if (result.status === 'rejected' && isSessionError(result.reason)) {
      return onSessionError(result.reason);
    }
    for (const [panelName, render] of PANELS[name]) {
      const section = panel(panelName);
      try {
        if (result.status === 'rejected') throw result.reason;
        render(result.value);
      } catch (error) {
        setPanelState(section, 'error', `Could not load this panel: ${error.message}`);
      }
    }
    latest[name] = result.status === 'fulfilled' ? result.value : undefined;
  }
  renderSummary(latest, DAYS);
  $('updated').textContent = `updated ${time(new Date().toISOString())} UTC`;
}

function wire() {
  $('login-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = event.currentTarget;
    const button = form.querySelector('button');
    button.disabled = true;
    $('login-error').textContent = '';
    try {
      await signIn(form.elements.email.value, form.elements.password.value);
      form.elements.password.value = '';
      await openDashboard();
    } catch (error) {
      $('login-error').textContent = loginMessage(error);
    } finally {
      button.disabled = false;
    }
  });
  $('refresh').addEventListener('click', () => void refresh(Object.keys(SOURCES)));
  const leave = async () => {
    await signOut();
    signedInAs = '';
    showLogin();
  };
  $('sign-out').addEventListener('click', leave);
  $('switch-account').addEventListener('click', leave);
}

function loginMessage(error) {
  if (!(error instanceof ApiError)) return `Could not reach the server: ${error.message}`;
  if (error.status === 401) return 'Wrong email or password.';
  if (error.status === 429) {
    return `Too many attempts: try again in ${error.retryAfter ?? 'a few'} seconds.`;
  }
  return error.message;
}

setUpCharts();
wire();
if (hasToken()) void openDashboard();
else showLogin();
