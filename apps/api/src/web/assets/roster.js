// Roster: one Chart.js sparkline (last 28 days of load, last 7 in blue) per shared athlete.
'use strict';
document.addEventListener('DOMContentLoaded', function () {
  for (const canvas of document.querySelectorAll('canvas.sparkline[data-values]')) {
    window.Loadwatch.sparkline(canvas, JSON.parse(canvas.dataset.values));
  }
  const filters = document.querySelector('form.filters');
  if (filters) filters.addEventListener('change', function () { filters.submit(); });
});
