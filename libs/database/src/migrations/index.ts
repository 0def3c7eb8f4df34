import { InitialSchema1763700000000 } from './1763700000000-initial-schema';

/** In order. A new migration is added here as well as in its own file. */
export const MIGRATIONS = [InitialSchema1763700000000];
