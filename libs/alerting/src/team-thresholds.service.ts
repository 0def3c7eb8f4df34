import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError, ErrorCode, returnedRows } from '@app/common';
import { AlertThresholds, resolveThresholds, THRESHOLDS_VERSION } from './rules';

/** A team's overrides of the default alert thresholds (SPEC §5: configurable per team). */
@Injectable()
export class TeamThresholdsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async set(teamId: string, overrides: Record<string, unknown>): Promise<{ teamId: string; version: number; overrides: Record<string, unknown>; effective: AlertThresholds }> {
    let effective: AlertThresholds;
    try {
      effective = resolveThresholds(overrides);
    } catch (error) {
      if (error instanceof RangeError) throw new DomainError(ErrorCode.ValidationFailed, error.message);
      throw error;
    }
    const updated = await this.dataSource.query(`UPDATE teams SET alert_thresholds = $2 WHERE id = $1 RETURNING id`, [teamId, JSON.stringify(overrides)]);
    if (returnedRows(updated).length === 0) throw new DomainError(ErrorCode.NotFound, `Team ${teamId} not found`);
    return { teamId, version: THRESHOLDS_VERSION, overrides, effective };
  }
}
