export * from './alert-email.html';
export * from './load-chart.png';
export * from './numbers-line';
export * from './png';
