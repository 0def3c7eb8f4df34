import { timingSafeEqual } from 'node:crypto';
import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AccessService, AccountsService, Actor, OPERATOR_ACTOR } from '@app/accounts';
import { DomainError, ErrorCode } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { ACCESS_RULE, AccessRule, RequestWithActor } from './access.decorators';
import { SESSION_COOKIE } from './session-cookie';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Who is calling, and may they? Bearer tokens (the operator's API_TOKEN or a personal API token) for programs,
 * the session cookie for the web pages. Cookie requests that change something must come from our own pages
 * (Sec-Fetch-Site / Origin), which together with SameSite=Lax stops cross-site request forgery.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly operatorToken: Buffer;

  constructor(
    private readonly reflector: Reflector,
    private readonly accounts: AccountsService,
    private readonly access: AccessService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.operatorToken = Buffer.from(config.apiToken);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [context.getHandler(), context.getClass()]);
    // Deny by default: a route someone forgot to declare is closed, not open.
    if (!rule) throw new DomainError(ErrorCode.Forbidden, 'This route declares no access rule');
    if (rule.kind === 'public') return true;
    const req = context.switchToHttp().getRequest<RequestWithActor>();
    const actor = await this.authenticate(req);
    req.actor = actor;
    await this.authorize(rule, actor, req.params as Record<string, string>);
    return true;
  }

  private async authenticate(req: RequestWithActor): Promise<Actor> {
    const header = req.headers.authorization;
    if (header !== undefined) {
      const match = /^Bearer (\S+)$/i.exec(header);
      if (!match) throw new DomainError(ErrorCode.Unauthenticated, 'Authorization: Bearer <token> is required');
      const offered = Buffer.from(match[1]);
      if (offered.length === this.operatorToken.length && timingSafeEqual(offered, this.operatorToken)) return OPERATOR_ACTOR;
      const actor = await this.accounts.resolve(match[1], 'api');
      if (!actor) throw new DomainError(ErrorCode.Unauthenticated, 'The bearer token is not valid (unknown, expired or revoked)');
      return actor;
    }
    const cookie = req.cookies[SESSION_COOKIE];
    if (!cookie) throw new DomainError(ErrorCode.Unauthenticated, 'Sign in, or send Authorization: Bearer <token>');
    const actor = await this.accounts.resolve(cookie, 'session');
    if (!actor) throw new DomainError(ErrorCode.Unauthenticated, 'Your session has ended; sign in again');
    if (!SAFE_METHODS.has(req.method)) this.assertSameOrigin(req);
    return actor;
  }

  private assertSameOrigin(req: RequestWithActor): void {
    const site = req.headers['sec-fetch-site'];
    if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') {
      throw new DomainError(ErrorCode.Forbidden, 'Cross-site requests may not change anything');
    }
    const origin = req.headers.origin;
    if (typeof origin === 'string' && origin !== 'null') {
      let host: string | null = null;
      try {
        host = new URL(origin).host;
      } catch {
        host = null;
      }
      if (host !== req.headers.host) throw new DomainError(ErrorCode.Forbidden, 'Cross-site requests may not change anything');
    }
  }

  private async authorize(rule: Exclude<AccessRule, { kind: 'public' }>, actor: Actor, params: Record<string, string>): Promise<void> {
    switch (rule.kind) {
      case 'signed-in':
        return;
      case 'roles':
        if (!rule.roles.includes(actor.role)) throw new DomainError(ErrorCode.Forbidden, `Only ${rule.roles.join(' or ')} accounts may do this`);
        return;
      case 'athlete':
        return this.access.assertAthlete(actor, this.uuidParam(params, rule.param), rule.mode);
      case 'alert':
        return this.access.assertAlert(actor, this.uuidParam(params, rule.param));
      case 'team':
        return this.access.assertTeam(actor, this.uuidParam(params, rule.param));
      case 'own-email':
        if (actor.role !== 'admin' && (actor.email ?? '').toLowerCase() !== String(params[rule.param] ?? '').toLowerCase()) {
          throw new DomainError(ErrorCode.Forbidden, 'You may only change your own email preferences');
        }
        return;
    }
  }

  // Guards run before pipes: a malformed id must be a 422 here, not a database error.
  private uuidParam(params: Record<string, string>, name: string): string {
    const value = params[name];
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value ?? '')) {
      throw new DomainError(ErrorCode.ValidationFailed, `${name} must be a UUID`);
    }
    return value;
  }
}
