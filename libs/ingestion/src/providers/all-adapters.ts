import { fitbitAdapter } from './fitbit/fitbit.adapter';
import { garminAdapter } from './garmin/garmin.adapter';
import { junctionAdapter } from './junction/junction.adapter';
import { ouraAdapter } from './oura/oura.adapter';
import { polarAdapter } from './polar/polar.adapter';
import type { ProviderAdapter } from './provider.types';
import { stravaAdapter } from './strava/strava.adapter';
import { terraAdapter } from './terra/terra.adapter';
import { whoopAdapter } from './whoop/whoop.adapter';
import { withingsAdapter } from './withings/withings.adapter';

/** Every platform adapter the app serves. A new platform is a folder next to strava/ and one line here. */
export const ALL_ADAPTERS: ProviderAdapter[] = [
  stravaAdapter,
  garminAdapter,
  fitbitAdapter,
  polarAdapter,
  ouraAdapter,
  whoopAdapter,
  withingsAdapter,
  terraAdapter,
  junctionAdapter,
];
