import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { MAX_BOARD_DAYS } from '@app/dashboard';

export class RosterQuery {
  @ApiPropertyOptional({ description: 'Admins: one team (coaches always see their own)' }) @IsOptional() @IsUUID() teamId?: string;
  @ApiPropertyOptional({ enum: ['overtraining', 'back-pain', 'any'] }) @IsOptional() @IsIn(['overtraining', 'back-pain', 'any']) alertKind?: 'overtraining' | 'back-pain' | 'any';
}

export class BoardQuery {
  @ApiPropertyOptional({ description: `Days up to today (7–${MAX_BOARD_DAYS}); default 180` })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(7)
  @Max(MAX_BOARD_DAYS)
  days?: number;
}
