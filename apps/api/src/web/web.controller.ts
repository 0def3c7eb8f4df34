import { Controller, Get, Header, Param, ParseUUIDPipe, Query, Redirect } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Actor, InvitesService } from '@app/accounts';
import { Clock, DomainError, ErrorCode } from '@app/common';
import { AthleteBoardQuery, RosterBoardQuery } from '@app/dashboard';
import { ConnectionService, PROVIDER_IDS } from '@app/ingestion';
import { PreferencesService } from '@app/notifications';
import { RosterService } from '@app/roster';
import { AthleteScoped, CurrentActor, Public, Roles, SignedIn } from '../auth/access.decorators';
import { BoardQuery, RosterQuery } from '../dashboards/dashboard.dto';
import { connectionsPage, settingsPage, sharingPage, teamPage } from './pages/account.pages';
import { athletePage } from './pages/athlete.page';
import { rosterPage } from './pages/roster.page';
import { forgotPasswordPage, invitePage, loginPage, resetPasswordPage } from './pages/sign-in.pages';

const HTML = ['Content-Type', 'text/html; charset=utf-8'] as const;

/** The dashboard's pages: server-rendered HTML; charts are drawn in the browser by Chart.js from embedded data. */
@ApiExcludeController()
@Controller()
export class WebController {
  constructor(
    private readonly rosterBoard: RosterBoardQuery,
    private readonly athleteBoard: AthleteBoardQuery,
    private readonly roster: RosterService,
    private readonly invites: InvitesService,
    private readonly connections: ConnectionService,
    private readonly preferences: PreferencesService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @SignedIn()
  @Redirect('/roster', 303)
  home(@CurrentActor() actor: Actor) {
    return actor.role === 'athlete' ? { url: '/me', statusCode: 303 } : undefined;
  }

  @Get('login')
  @Public()
  @Header(...HTML)
  login(): string {
    return loginPage();
  }

  @Get('forgot-password')
  @Public()
  @Header(...HTML)
  forgotPassword(): string {
    return forgotPasswordPage();
  }

  @Get('reset-password')
  @Public()
  @Header(...HTML)
  resetPassword(@Query('token') token?: string): string {
    return resetPasswordPage(typeof token === 'string' ? token : '');
  }

  @Get('invite')
  @Public()
  @Header(...HTML)
  async invite(@Query('token') token?: string): Promise<string> {
    const value = typeof token === 'string' ? token : '';
    return invitePage(value, value ? await this.invites.preview(value) : null);
  }

  @Get('roster')
  @Roles('coach', 'admin')
  @Header(...HTML)
  async rosterPage(@CurrentActor() actor: Actor, @Query() filter: RosterQuery): Promise<string> {
    const [rows, teams] = await Promise.all([this.rosterBoard.forActor(actor, filter), actor.role === 'admin' ? this.roster.listTeams() : Promise.resolve([])]);
    return rosterPage({ actor, rows, teams, filter, now: this.clock.now() });
  }

  @Get('me')
  @Roles('athlete')
  @Redirect('/', 303)
  me(@CurrentActor() actor: Actor) {
    if (!actor.athleteId) throw new DomainError(ErrorCode.NotFound, 'Your login has no athlete record');
    return { url: `/athletes/${actor.athleteId}`, statusCode: 303 };
  }

  @Get('athletes/:id')
  @AthleteScoped('id')
  @Header(...HTML)
  async athletePage(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string, @Query() q: BoardQuery): Promise<string> {
    const days = q.days ?? 180;
    return athletePage({ actor, board: await this.athleteBoard.forAthlete(id, days), days });
  }

  @Get('athletes/:athleteId/connections')
  @AthleteScoped('athleteId', 'read')
  @Header(...HTML)
  async connectionsPage(@CurrentActor() actor: Actor, @Param('athleteId', new ParseUUIDPipe()) athleteId: string): Promise<string> {
    const [athlete, connections] = await Promise.all([this.roster.requireAthlete(athleteId), this.connections.listForAthlete(athleteId)]);
    return connectionsPage({ actor, athleteId, athleteName: athlete.name, providers: PROVIDER_IDS, connections, now: this.clock.now() });
  }

  @Get('sharing')
  @Roles('athlete')
  @Header(...HTML)
  async sharingPage(@CurrentActor() actor: Actor): Promise<string> {
    if (!actor.athleteId) throw new DomainError(ErrorCode.NotFound, 'Your login has no athlete record');
    return sharingPage({ actor, athleteId: actor.athleteId, coaches: await this.roster.sharingOf(actor.athleteId) });
  }

  @Get('team')
  @Roles('coach', 'admin')
  @Header(...HTML)
  async teamPage(@CurrentActor() actor: Actor, @Query('teamId') requested?: string): Promise<string> {
    const teams = actor.role === 'admin' ? await this.roster.listTeams() : actor.teamId ? [await this.roster.requireTeam(actor.teamId)] : [];
    const teamId = actor.role === 'admin' ? (teams.find((t) => t.id === requested)?.id ?? teams[0]?.id ?? null) : actor.teamId;
    const invites = teamId ? await this.invites.listForTeam(teamId) : [];
    const thresholds = teams.find((t) => t.id === teamId)?.alertThresholds ?? {};
    return teamPage({ actor, teamId, teams, invites, thresholds, now: this.clock.now() });
  }

  @Get('settings')
  @SignedIn()
  @Header(...HTML)
  async settingsPage(@CurrentActor() actor: Actor): Promise<string> {
    if (!actor.email) throw new DomainError(ErrorCode.NotFound, 'The operator token has no email settings; sign in as a person');
    return settingsPage({ actor, view: await this.preferences.get(actor.email) });
  }
}
