// Athlete page: every chart from the board data the server embedded (#board), drawn with Chart.js.
'use strict';
document.addEventListener('DOMContentLoaded', function () {
  const L = window.Loadwatch;
  const c = L.colours;
  const board = L.readJson('board');
  if (!board) return;
  const days = board.days;
  const labels = days.map((d) => d.date);
  const pick = (key) => days.map((d) => d[key]);
  const canvas = (id) => document.getElementById(id);

  L.draw(canvas('chart-load'), {
    data: { labels, datasets: [
      L.line('Acute (EWMA 7 d)', pick('ewmaAcute'), c.acute),
      L.line('Chronic (EWMA 28 d)', pick('ewmaChronic'), c.chronic),
      L.bar('Daily load (AU)', pick('load'), c.load),
    ] },
    options: { scales: { y: { beginAtZero: true, title: { display: true, text: 'AU' } } } },
  });

  const acwr = pick('acwrEwma');
  const acwrMax = Math.max(2, ...acwr.filter((v) => v !== null).map((v) => Math.ceil(v * 10) / 10));
  L.draw(canvas('chart-acwr'), {
    data: { labels, datasets: [L.line('EWMA ACWR', acwr, c.acwr), L.line('Rolling ACWR (7:28)', pick('acwrRac'), '#8c959f', { borderDash: [4, 3], borderWidth: 1 })] },
    options: { plugins: { bands: { bands: L.ACWR_BANDS } }, scales: { y: { min: 0, max: acwrMax } } },
  });

  L.draw(canvas('chart-pmc'), {
    data: { labels, datasets: [
      L.line('Fitness (CTL)', pick('ctl'), c.ctl),
      L.line('Fatigue (ATL)', pick('atl'), c.atl),
      L.bar('Form (CTL − ATL)', pick('form'), c.form, { yAxisID: 'y1' }),
    ] },
    options: { scales: { y: { beginAtZero: true }, y1: { position: 'right', grid: { drawOnChartArea: false } } } },
  });

  L.draw(canvas('chart-monotony'), {
    data: { labels, datasets: [
      L.line('Monotony', pick('monotony'), c.monotony),
      L.bar('Strain', pick('strain'), c.strain, { yAxisID: 'y1' }),
    ] },
    options: { scales: { y: { beginAtZero: true, title: { display: true, text: 'monotony' } }, y1: { position: 'right', beginAtZero: true, grid: { drawOnChartArea: false }, title: { display: true, text: 'strain' } } } },
  });

  L.draw(canvas('chart-rest'), {
    data: { labels, datasets: [
      L.line('Rest-day ratio 7 d', pick('restDayRatio7'), c.rest.replace('0.5', '1')),
      L.line('Rest-day ratio 28 d', pick('restDayRatio28'), '#0969da'),
      L.bar('Training streak (days)', pick('streak'), 'rgba(191, 135, 0, 0.35)', { yAxisID: 'y1' }),
    ] },
    options: { scales: { y: { min: 0, max: 1 }, y1: { position: 'right', beginAtZero: true, grid: { drawOnChartArea: false } } } },
  });

  const rec = board.recovery;
  const recLabels = rec.map((r) => r.date);
  const rp = (key) => rec.map((r) => r[key]);
  L.draw(canvas('chart-hrv'), {
    data: { labels: recLabels, datasets: [
      L.line('Baseline band (upper)', rp('hrvUpper'), 'rgba(26, 127, 55, 0.3)', { borderWidth: 1, fill: '+1', backgroundColor: c.hrvBand }),
      L.line('Baseline band (lower)', rp('hrvLower'), 'rgba(26, 127, 55, 0.3)', { borderWidth: 1 }),
      L.line('ln rMSSD, 7-day mean', rp('lnRmssd7'), c.hrv),
      L.line('ln rMSSD', rp('lnRmssd'), '#8c959f', { showLine: false, pointRadius: 2 }),
    ] },
  });
  L.draw(canvas('chart-rhr'), {
    data: { labels: recLabels, datasets: [
      L.line('Resting HR, 7-day mean', rp('restingHr7'), c.rhr),
      L.line('Baseline (28 d)', rp('restingHrBaseline'), c.rhrBase, { borderDash: [5, 4] }),
      L.line('Resting HR', rp('restingHr'), '#8c959f', { showLine: false, pointRadius: 2 }),
    ] },
    options: { scales: { y: { title: { display: true, text: 'bpm' } } } },
  });

  const reports = board.selfReports;
  const wellnessScore = (w) => {
    if (!w) return null;
    const values = Object.values(w).filter((v) => typeof v === 'number');
    return values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
  };
  L.draw(canvas('chart-wellness'), {
    data: { labels: reports.map((r) => r.date), datasets: [
      L.bar('Back pain (0–10)', reports.map((r) => r.backPain), c.pain),
      L.line('Wellness (mean 1–5)', reports.map((r) => wellnessScore(r.wellness)), c.wellness, { yAxisID: 'y1', pointRadius: 2 }),
    ] },
    options: { scales: { y: { min: 0, max: 10 }, y1: { position: 'right', min: 1, max: 5, grid: { drawOnChartArea: false } } } },
  });
});
