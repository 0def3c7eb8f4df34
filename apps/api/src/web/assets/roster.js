// Roster: one Chart.js sparkline (last 28 days of load, last 7 in blue) per shared athlete, drawn as its row
// scrolls into view, so a roster of hundreds paints at once.
'use strict';
document.addEventListener('DOMContentLoaded', function () {
  const draw = (canvas) => window.Loadwatch.sparkline(canvas, JSON.parse(canvas.dataset.values));
  const canvases = document.querySelectorAll('canvas.sparkline[data-values]');
  if ('IntersectionObserver' in window) {
    const observer = new IntersectionObserver(function (entries) {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        observer.unobserve(entry.target);
        draw(entry.target);
      }
    }, { rootMargin: '200px' });
    for (const canvas of canvases) observer.observe(canvas);
  } else {
    for (const canvas of canvases) draw(canvas);
  }
  const filters = document.querySelector('form.filters');
  if (filters) filters.addEventListener('change', function () { filters.submit(); });
});
