import { AuthToken, Invite } from '@app/accounts';
import { Alert } from '@app/alerting';
import { Integration, OAuthState, ProviderConnection, RawEvent } from '@app/ingestion';
import { Email, NotificationPreference } from '@app/notifications';
import { AthleteWork, OutboxMessage } from '@app/queue';
import { Athlete, CoachConsent, Team, User } from '@app/roster';
import { DailyMetric, DailyRecovery, ExerciseDefinition, SelfReport, SessionTombstone, TrainingSession, UnmatchedExerciseName } from '@app/training-load';

/** Every table the app maps, listed by hand (no globs: the build output and the CLI see the same list). */
export const ENTITIES = [
  Team,
  User,
  Athlete,
  CoachConsent,
  AuthToken,
  Invite,
  Integration,
  ProviderConnection,
  OAuthState,
  RawEvent,
  OutboxMessage,
  AthleteWork,
  TrainingSession,
  SessionTombstone,
  DailyRecovery,
  SelfReport,
  DailyMetric,
  ExerciseDefinition,
  UnmatchedExerciseName,
  Alert,
  Email,
  NotificationPreference,
];
