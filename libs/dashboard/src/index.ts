export * from './athlete-board.query';
export * from './attention';
export * from './csv';
export * from './dashboard.module';
export * from './recovery-bands';
export * from './roster-board.query';
