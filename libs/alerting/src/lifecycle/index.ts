/** The alert lifecycle (SPEC §5): pure state transitions, human actions, and the adapter the service calls. */
export * from './alert-book';
export * from './human-actions';
export * from './lifecycle.types';
export * from './next-alert-state';
export * from './plan';
