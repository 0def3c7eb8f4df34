import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { FindOptionsWhere, In, Repository } from 'typeorm';
import { Alert, AlertKind, AlertStatus } from './entities';

export interface AlertFilter {
  athleteId?: string;
  /** Only these athletes (what the caller may see); an empty list finds nothing. */
  athleteIds?: string[];
  status?: AlertStatus;
  kind?: AlertKind;
  limit?: number;
}

@Injectable()
export class AlertsQuery {
  constructor(@InjectRepository(Alert) private readonly alerts: Repository<Alert>) {}

  list(filter: AlertFilter): Promise<Alert[]> {
    const where: FindOptionsWhere<Alert> = {};
    if (filter.athleteIds !== undefined) {
      if (filter.athleteId && !filter.athleteIds.includes(filter.athleteId)) return Promise.resolve([]);
      where.athleteId = filter.athleteId ?? In(filter.athleteIds);
    } else if (filter.athleteId) where.athleteId = filter.athleteId;
    if (filter.status) where.status = filter.status;
    if (filter.kind) where.kind = filter.kind;
    return this.alerts.find({ where, order: { updatedAt: 'DESC' }, take: filter.limit ?? 100 });
  }
}
