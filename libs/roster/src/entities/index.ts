export * from './athlete.entity';
export * from './team.entity';
export * from './user.entity';
export * from './coach-consent.entity';
