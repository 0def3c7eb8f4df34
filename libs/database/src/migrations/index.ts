import { InitialSchema1763700000000 } from './1763700000000-initial-schema';
import { ProviderConnections1795240548222 } from './1795240548222-provider-connections';
import { LoadEngineState1795241600882 } from './1795241600882-load-engine-state';
import { AthleteInputAndAlertLifecycle1795243548696 } from './1795243548696-athlete-input-and-alert-lifecycle';
import { ExerciseCatalogue1795243651877 } from './1795243651877-exercise-catalogue';
import { NotificationPreferences1795245403544 } from './1795245403544-notification-preferences';
import { EmailContentAndDigests1795245522893 } from './1795245522893-email-content-and-digests';
import { CoachConsents1795245833481 } from './1795245833481-coach-consents';
import { AccountsAndInvites1795249552155 } from './1795249552155-accounts-and-invites';
import { AthleteWork1795254235293 } from './1795254235293-athlete-work';
import { SessionTombstones1795256601146 } from './1795256601146-session-tombstones';

/** In order. A new migration is added here as well as in its own file. */
export const MIGRATIONS = [InitialSchema1763700000000, ProviderConnections1795240548222, LoadEngineState1795241600882, AthleteInputAndAlertLifecycle1795243548696, ExerciseCatalogue1795243651877, NotificationPreferences1795245403544, EmailContentAndDigests1795245522893, CoachConsents1795245833481, AccountsAndInvites1795249552155, AthleteWork1795254235293, SessionTombstones1795256601146];
