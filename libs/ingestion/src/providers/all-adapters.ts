import type { ProviderAdapter } from './provider.types';
import { stravaAdapter } from './strava/strava.adapter';

/** Every platform adapter the app serves. A new platform is a folder next to strava/ and one line here. */
export const ALL_ADAPTERS: ProviderAdapter[] = [stravaAdapter];
