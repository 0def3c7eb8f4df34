import { Controller, Get, Header, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Actor } from '@app/accounts';
import { AthleteBoardQuery, RosterBoardQuery, toCsv } from '@app/dashboard';
import { toAlertResponse } from '../alerts/alert.response';
import { AthleteScoped, CurrentActor, Roles } from '../auth/access.decorators';
import { exportFileName, METRIC_COLUMNS, ROSTER_COLUMNS, SESSION_COLUMNS } from './csv-exports';
import { BoardQuery, RosterQuery } from './dashboard.dto';

function sendCsv(res: FastifyReply, fileName: string, body: string): void {
  void res.header('Content-Type', 'text/csv; charset=utf-8').header('Content-Disposition', `attachment; filename="${fileName}"`).send(body);
}

/** Read-only data behind the dashboard pages, and its CSV exports. */
@ApiTags('dashboard')
@ApiBearerAuth()
@Controller('api')
export class DashboardsController {
  constructor(
    private readonly roster: RosterBoardQuery,
    private readonly boards: AthleteBoardQuery,
  ) {}

  @Get('roster')
  @Roles('coach', 'admin')
  @ApiOperation({ summary: "Every athlete the caller coaches with today's numbers, sorted by who needs attention" })
  rosterRows(@CurrentActor() actor: Actor, @Query() q: RosterQuery) {
    return this.roster.forActor(actor, q);
  }

  @Get('roster.csv')
  @Roles('coach', 'admin')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'The roster as CSV' })
  async rosterCsv(@CurrentActor() actor: Actor, @Query() q: RosterQuery, @Res() res: FastifyReply): Promise<void> {
    sendCsv(res, `roster-${new Date().toISOString().slice(0, 10)}.csv`, toCsv(await this.roster.forActor(actor, q), ROSTER_COLUMNS));
  }

  @Get('athletes/:id/dashboard')
  @AthleteScoped('id')
  @Header('Cache-Control', 'private, no-store')
  @ApiOperation({ summary: 'Everything the athlete page draws: metrics, recovery bands, wellness and back pain, sessions, alerts' })
  async board(@Param('id', new ParseUUIDPipe()) id: string, @Query() q: BoardQuery) {
    const board = await this.boards.forAthlete(id, q.days);
    return { ...board, alerts: board.alerts.map(toAlertResponse) };
  }

  @Get('athletes/:id/export/metrics.csv')
  @AthleteScoped('id')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: "The athlete's daily metrics as CSV (default 180 days, up to 731)" })
  async metricsCsv(@Param('id', new ParseUUIDPipe()) id: string, @Query() q: BoardQuery, @Res() res: FastifyReply): Promise<void> {
    const board = await this.boards.forAthlete(id, q.days);
    sendCsv(res, exportFileName(board, 'daily-metrics'), toCsv(board.days, METRIC_COLUMNS));
  }

  @Get('athletes/:id/export/sessions.csv')
  @AthleteScoped('id')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: "The athlete's sessions as CSV, with load method (estimated ones marked)" })
  async sessionsCsv(@Param('id', new ParseUUIDPipe()) id: string, @Query() q: BoardQuery, @Res() res: FastifyReply): Promise<void> {
    const board = await this.boards.forAthlete(id, q.days);
    sendCsv(res, exportFileName(board, 'sessions'), toCsv(board.sessions, SESSION_COLUMNS));
  }
}
