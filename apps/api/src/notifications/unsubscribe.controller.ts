import { ArgumentsHost, Catch, Controller, ExceptionFilter, Get, HttpCode, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import accepts from 'accepts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, ErrorCode, HttpExceptionFilter } from '@app/common';
import { PreferenceKind, PreferencesService, UNSUBSCRIBE_TOKEN_INVALID } from '@app/notifications';
import { Public } from '../auth/access.decorators';

const KIND_LABEL: Record<PreferenceKind, string> = { overtraining: 'overtraining alerts', 'back-pain': 'back-pain alerts', digest: 'the daily digest' };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** Whether the caller would rather read HTML than JSON (a browser posting the confirmation form). */
function prefersHtml(req: FastifyRequest): boolean {
  return accepts(req.raw).type(['json', 'html']) === 'html';
}

function page(res: FastifyReply, status: number, title: string, body: string): void {
  void res
    .status(status)
    .headers({
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      // The token is in the URL: keep it out of Referer headers and search engines.
      'Referrer-Policy': 'no-referrer',
      'X-Robots-Tag': 'noindex',
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
    })
    .send(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} · Loadwatch</title>` +
        `<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;line-height:1.5}button{font-size:1rem;padding:.5rem 1rem}</style></head>` +
        `<body><h1>${escapeHtml(title)}</h1>${body}</body></html>`,
    );
}

function tokenOf(raw: unknown): string {
  // A missing or repeated ?token= is as invalid as a tampered one.
  if (typeof raw !== 'string') throw new DomainError(ErrorCode.SignatureInvalid, 'The unsubscribe link has no token', { reason: UNSUBSCRIBE_TOKEN_INVALID });
  return raw;
}

/**
 * A bad unsubscribe token is the caller's malformed request (400), not a failed login (the global filter maps
 * SignatureInvalid to 401). Browsers get an HTML page, everything else the usual JSON error body.
 */
@Catch()
export class UnsubscribeErrorFilter implements ExceptionFilter {
  private readonly fallback = new HttpExceptionFilter();

  catch(exception: unknown, host: ArgumentsHost): void {
    const isBadToken = exception instanceof DomainError && (exception.details as { reason?: string } | undefined)?.reason === UNSUBSCRIBE_TOKEN_INVALID;
    if (!isBadToken) return this.fallback.catch(exception, host);
    const req = host.switchToHttp().getRequest<FastifyRequest>();
    const res = host.switchToHttp().getResponse<FastifyReply>();
    if (req.method === 'GET' || prefersHtml(req)) {
      page(res, 400, 'This unsubscribe link is not valid', '<p>It may have been changed or cut off. Open the link from the email again, or change your preferences in Loadwatch.</p>');
      return;
    }
    void res.status(400).send({ statusCode: 400, error: exception.code, message: exception.message, details: exception.details });
  }
}

/** RFC 8058 one-click unsubscribe. No login: the signed token is the authorisation. */
@ApiTags('notifications')
@UseFilters(UnsubscribeErrorFilter)
@Public()
@Controller('unsubscribe')
export class UnsubscribeController {
  constructor(private readonly preferences: PreferencesService) {}

  /** Only a confirmation page: link scanners and previews follow GETs, so a GET never unsubscribes anyone. */
  @Get()
  @ApiOperation({ summary: 'Confirmation page for an unsubscribe link (changes nothing)' })
  @ApiQuery({ name: 'token', required: true })
  confirm(@Query('token') raw: unknown, @Res() res: FastifyReply): void {
    const token = tokenOf(raw);
    const { email, kind } = this.preferences.inspect(token);
    page(
      res,
      200,
      'Unsubscribe',
      `<p>Stop sending <strong>${escapeHtml(KIND_LABEL[kind])}</strong> to <strong>${escapeHtml(email)}</strong>?</p>` +
        `<form method="post" action="?token=${encodeURIComponent(token)}"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Unsubscribe</button></form>`,
    );
  }

  /** The one-click POST (mail clients send `List-Unsubscribe=One-Click`; the body is not needed). 200 every time. */
  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'RFC 8058 one-click unsubscribe: that kind of email becomes off (idempotent)' })
  @ApiQuery({ name: 'token', required: true })
  async unsubscribe(@Query('token') raw: unknown, @Req() req: FastifyRequest, @Res() res: FastifyReply): Promise<void> {
    const result = await this.preferences.unsubscribe(tokenOf(raw));
    if (prefersHtml(req)) {
      const done = result.status === 'unsubscribed' ? 'You are unsubscribed' : 'You were already unsubscribed';
      page(res, 200, done, `<p>No more <strong>${escapeHtml(KIND_LABEL[result.kind])}</strong> to <strong>${escapeHtml(result.email)}</strong>.</p>`);
      return;
    }
    void res.status(200).send({ status: result.status, kind: result.kind });
  }
}
