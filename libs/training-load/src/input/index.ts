export * from './self-report.fields';
export * from './session.fields';
