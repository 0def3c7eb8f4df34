export * from './provider-api';
export * from './provider-api.factory';
export * from './provider-intake.service';
export * from './provider-registry';
export * from './provider.types';
export * from './sport';
export { stravaAdapter } from './strava/strava.adapter';
