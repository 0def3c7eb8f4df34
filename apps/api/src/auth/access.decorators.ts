import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Actor, AthleteAccessMode } from '@app/accounts';
import type { UserRole } from '@app/roster';

/**
 * Every route declares who may call it; the global AuthGuard refuses a route that declares nothing.
 * Athlete-, alert-, team- and email-scoped rules name the route parameter that holds the id.
 */
export type AccessRule =
  | { kind: 'public' }
  | { kind: 'signed-in' }
  | { kind: 'roles'; roles: UserRole[] }
  | { kind: 'athlete'; param: string; mode: AthleteAccessMode }
  | { kind: 'alert'; param: string }
  | { kind: 'team'; param: string }
  | { kind: 'own-email'; param: string };

export const ACCESS_RULE = 'loadwatch:access-rule';

const rule = (r: AccessRule) => SetMetadata(ACCESS_RULE, r);

/** No login: webhooks (signed instead), health, the login and reset pages, unsubscribe links. */
export const Public = () => rule({ kind: 'public' });
/** Any signed-in person; the handler narrows what they see. */
export const SignedIn = () => rule({ kind: 'signed-in' });
export const Roles = (...roles: UserRole[]) => rule({ kind: 'roles', roles });
/** The athlete in `:param`: 'read' for their coaches (with consent) too, 'own' only for the athlete (and admins). */
export const AthleteScoped = (param = 'athleteId', mode: AthleteAccessMode = 'read') => rule({ kind: 'athlete', param, mode });
export const AlertScoped = (param = 'id') => rule({ kind: 'alert', param });
export const TeamScoped = (param = 'teamId') => rule({ kind: 'team', param });
/** The caller's own email address (admins: any). */
export const OwnEmail = (param = 'email') => rule({ kind: 'own-email', param });

export type RequestWithActor = FastifyRequest & { actor?: Actor };

/** The caller resolved by the AuthGuard. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const actor = ctx.switchToHttp().getRequest<RequestWithActor>().actor;
  if (!actor) throw new Error('CurrentActor used on a route without a signed-in rule');
  return actor;
});
