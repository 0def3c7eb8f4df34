import request from 'supertest';
import { AccountsService } from '@app/accounts';
import { User, UserRole } from '@app/roster';
import { TestApp } from './test-app';

export const TEST_PASSWORD = 'correct horse battery';

/** A user who can sign in at once (no welcome email). */
export function makeUser(t: TestApp, input: { email: string; name: string; role: UserRole; teamId: string | null; athleteId?: string | null }): Promise<User> {
  return t.app.get(AccountsService).createUser({ ...input, password: TEST_PASSWORD });
}

/** A supertest agent holding the session cookie of the given person. */
export async function signedIn(t: TestApp, email: string, password = TEST_PASSWORD): Promise<request.Agent> {
  const agent = request.agent(t.app.getHttpServer());
  await agent.post('/api/auth/login').send({ email, password }).expect(200);
  return agent;
}

/** The link a queued account email carries (invites and password resets). */
export async function linkTokenIn(t: TestApp, recipient: string, path: '/invite' | '/reset-password'): Promise<string> {
  const rows: { body_text: string }[] = await t.dataSource.query(`SELECT body_text FROM emails WHERE recipient = $1 AND kind = 'account' ORDER BY created_at DESC LIMIT 1`, [recipient]);
  const match = new RegExp(`${path}\\?token=([^\\s]+)`).exec(rows[0]?.body_text ?? '');
  if (!match) throw new Error(`no ${path} link emailed to ${recipient}`);
  return decodeURIComponent(match[1]);
}
