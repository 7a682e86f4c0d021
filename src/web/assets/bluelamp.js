/* global document, window, setTimeout */
// Progressive enhancement only: every page works without this file.
import { initAll } from '/assets/govuk-frontend.min.js';

initAll();

// A page showing work in progress (a job) checks again every few seconds.
const refresh = document.querySelector('[data-bl-refresh]');
if (refresh) {
  const seconds = Number(refresh.getAttribute('data-bl-refresh')) || 3;
  setTimeout(() => window.location.reload(), seconds * 1000);
}
