import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock, DomainError, ErrorCode } from '@app/common';
import { Alert } from './entities';
import { acknowledge, ActiveAlert, DEFAULT_LIFECYCLE_OPTIONS, resolve, snooze } from './lifecycle';

export type AlertAction = { kind: 'acknowledge' } | { kind: 'resolve' } | { kind: 'snooze'; until: Date };

/** What people do with an alert (acknowledge, resolve, snooze), with a note and who did it, kept in its history. */
@Injectable()
export class AlertActionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async act(alertId: string, action: AlertAction, by: string, note: string | undefined): Promise<Alert> {
    return this.dataSource.transaction(async (manager) => {
      const alert = await manager.findOne(Alert, { where: { id: alertId }, lock: { mode: 'pessimistic_write' } });
      if (!alert) throw new DomainError(ErrorCode.NotFound, `Alert ${alertId} not found`);
      const now = this.clock.now();
      if (action.kind === 'snooze') {
        const days = (action.until.getTime() - now.getTime()) / 86_400_000;
        if (!(days > 0 && days <= DEFAULT_LIFECYCLE_OPTIONS.maxSnoozeDays)) {
          throw new DomainError(ErrorCode.ValidationFailed, `until must be in the future and at most ${DEFAULT_LIFECYCLE_OPTIONS.maxSnoozeDays} days away`);
        }
      }
      let next: ActiveAlert;
      try {
        next =
          action.kind === 'acknowledge'
            ? acknowledge(alert, by, note, now)
            : action.kind === 'resolve'
              ? resolve(alert, by, note, now)
              : snooze(alert, by, note, action.until, now);
      } catch (error) {
        // The lifecycle refuses a transition that makes no sense (e.g. resolving a resolved alert).
        if (error instanceof RangeError) throw new DomainError(ErrorCode.Conflict, error.message);
        throw error;
      }
      Object.assign(alert, next);
      return manager.save(alert);
    });
  }
}
