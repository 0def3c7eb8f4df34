import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { AccountsModule } from '@app/accounts';
import { DashboardModule } from '@app/dashboard';
import { AlertingModule } from '@app/alerting';
import { HttpExceptionFilter } from '@app/common';
import { IngestionModule } from '@app/ingestion';
import { NotificationsModule } from '@app/notifications';
import { RosterModule } from '@app/roster';
import { TrainingLoadModule } from '@app/training-load';
import { AdminController } from './admin/admin.controller';
import { AlertsController } from './alerts/alerts.controller';
import { AthleteInputController } from './athletes/athlete-input.controller';
import { AthletesController } from './athletes/athletes.controller';
import { AuthController } from './auth/auth.controller';
import { AuthGuard } from './auth/auth.guard';
import { DashboardsController } from './dashboards/dashboards.controller';
import { InvitesController } from './roster/invites.controller';
import { WebController } from './web/web.controller';
import { ConnectionsController, OAuthCallbackController } from './connections/connections.controller';
import { ExercisesController } from './exercises/exercises.controller';
import { EmailsController } from './notifications/emails.controller';
import { HealthController } from './health/health.controller';
import { PreferencesController } from './notifications/preferences.controller';
import { UnsubscribeController } from './notifications/unsubscribe.controller';
import { WebhooksController } from './webhooks/webhooks.controller';

/** HTTP only: webhooks in; accounts, metrics, alerts and the dashboard out. (The root module adds QueueModule as a producer.) */
@Module({
  imports: [ThrottlerModule.forRoot([{ limit: 10, ttl: 60_000 }]), AccountsModule, DashboardModule, IngestionModule, TrainingLoadModule, AlertingModule, RosterModule, NotificationsModule],
  // Webhooks first: the router tries routes in this order, and webhooks are most of the requests.
  controllers: [WebhooksController, HealthController, WebController, AuthController, InvitesController, DashboardsController, AthletesController, AthleteInputController, ConnectionsController, OAuthCallbackController, AlertsController, AdminController, ExercisesController, EmailsController, PreferencesController, UnsubscribeController],
  providers: [
    { provide: APP_FILTER, useClass: HttpExceptionFilter },
    // Every route declares its access rule; the guard applies it (deny when a route declares none).
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
})
export class ApiModule {}
