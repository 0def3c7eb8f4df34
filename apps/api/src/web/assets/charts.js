// Shared Chart.js set-up for the pages: colours, the ACWR band plugin, sparklines. Chart.js draws everything.
'use strict';
window.Loadwatch = (function () {
  const colours = {
    load: 'rgba(110, 118, 129, 0.55)', acute: '#cf222e', chronic: '#1f6feb', acwr: '#24292f', ctl: '#1f6feb', atl: '#cf222e',
    form: 'rgba(26, 127, 55, 0.55)', monotony: '#8250df', strain: 'rgba(191, 135, 0, 0.5)', hrv: '#1a7f37', hrvBand: 'rgba(26, 127, 55, 0.12)',
    rhr: '#cf222e', rhrBase: '#6e7681', pain: 'rgba(207, 34, 46, 0.6)', wellness: '#0969da', rest: 'rgba(26, 127, 55, 0.5)', streak: '#bf8700',
  };

  // Shaded horizontal bands behind a chart (ACWR < 0.8 / 0.8–1.3 / 1.3–1.5 / > 1.5), drawn through Chart.js's plugin hook.
  const bandsPlugin = {
    id: 'bands',
    beforeDatasetsDraw(chart, _args, options) {
      if (!options || !options.bands) return;
      const { ctx, chartArea, scales } = chart;
      const y = scales[options.axis || 'y'];
      ctx.save();
      for (const band of options.bands) {
        const top = y.getPixelForValue(Math.min(band.to, y.max));
        const bottom = y.getPixelForValue(Math.max(band.from, y.min));
        if (bottom <= top) continue;
        ctx.fillStyle = band.colour;
        ctx.fillRect(chartArea.left, top, chartArea.right - chartArea.left, bottom - top);
      }
      ctx.restore();
    },
  };
  Chart.register(bandsPlugin);
  Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;

  const ACWR_BANDS = [
    { from: 0, to: 0.8, colour: 'rgba(130, 80, 223, 0.10)' },
    { from: 0.8, to: 1.3, colour: 'rgba(26, 127, 55, 0.12)' },
    { from: 1.3, to: 1.5, colour: 'rgba(191, 135, 0, 0.16)' },
    { from: 1.5, to: 10, colour: 'rgba(207, 34, 46, 0.12)' },
  ];

  function line(label, data, colour, extra) {
    return Object.assign({ type: 'line', label, data, borderColor: colour, backgroundColor: colour, borderWidth: 2, pointRadius: 0, spanGaps: true, tension: 0.2 }, extra || {});
  }

  function bar(label, data, colour, extra) {
    return Object.assign({ type: 'bar', label, data, backgroundColor: colour, borderWidth: 0, barPercentage: 1, categoryPercentage: 0.9 }, extra || {});
  }

  function draw(canvas, config) {
    return new Chart(canvas, Object.assign({ options: {} }, config, {
      options: Object.assign(
        { responsive: true, interaction: { mode: 'index', intersect: false }, plugins: { legend: { labels: { boxWidth: 12 } } }, scales: { x: { ticks: { maxTicksLimit: 8, maxRotation: 0 } } } },
        config.options || {},
      ),
    }));
  }

  function sparkline(canvas, values) {
    return new Chart(canvas, {
      type: 'bar',
      data: { labels: values.map((_, i) => i), datasets: [{ data: values, backgroundColor: values.map((_, i) => (i >= values.length - 7 ? '#1f6feb' : '#afb8c1')), borderWidth: 0, barPercentage: 1, categoryPercentage: 0.85 }] },
      options: { responsive: false, events: [], plugins: { legend: { display: false }, tooltip: { enabled: false } }, scales: { x: { display: false }, y: { display: false, beginAtZero: true } } },
    });
  }

  function readJson(id) {
    const el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }

  return { colours, ACWR_BANDS, line, bar, draw, sparkline, readJson };
})();
