import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyReply } from 'fastify';
import type { IssuedToken } from '@app/accounts';

export const SESSION_COOKIE = 'lw_session';

/** httpOnly (no script can read it), SameSite=Lax (not sent on cross-site POSTs), Secure behind https. */
function cookieOptions(publicUrl: string): CookieSerializeOptions {
  return { httpOnly: true, sameSite: 'lax', secure: publicUrl.startsWith('https://'), path: '/' };
}

export function setSessionCookie(reply: FastifyReply, session: IssuedToken, publicUrl: string): void {
  void reply.setCookie(SESSION_COOKIE, session.token, { ...cookieOptions(publicUrl), expires: session.expiresAt });
}

export function clearSessionCookie(reply: FastifyReply, publicUrl: string): void {
  void reply.clearCookie(SESSION_COOKIE, cookieOptions(publicUrl));
}
