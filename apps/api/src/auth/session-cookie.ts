import type { CookieOptions, Response } from 'express';
import type { IssuedToken } from '@app/accounts';

export const SESSION_COOKIE = 'lw_session';

/** httpOnly (no script can read it), SameSite=Lax (not sent on cross-site POSTs), Secure behind https. */
function cookieOptions(publicUrl: string): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', secure: publicUrl.startsWith('https://'), path: '/' };
}

export function setSessionCookie(res: Response, session: IssuedToken, publicUrl: string): void {
  res.cookie(SESSION_COOKIE, session.token, { ...cookieOptions(publicUrl), expires: session.expiresAt });
}

export function clearSessionCookie(res: Response, publicUrl: string): void {
  res.clearCookie(SESSION_COOKIE, cookieOptions(publicUrl));
}
