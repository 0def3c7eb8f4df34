import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, ErrorCode } from './domain-error';

const STATUS_BY_CODE: Record<ErrorCode, number> = {
  [ErrorCode.ValidationFailed]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.UnknownAthlete]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.MalformedJson]: HttpStatus.BAD_REQUEST,
  [ErrorCode.PayloadTooLarge]: HttpStatus.PAYLOAD_TOO_LARGE,
  [ErrorCode.SignatureMissing]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.SignatureInvalid]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.TimestampOutOfTolerance]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.Unauthenticated]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.Forbidden]: HttpStatus.FORBIDDEN,
  [ErrorCode.NotFound]: HttpStatus.NOT_FOUND,
  [ErrorCode.Conflict]: HttpStatus.CONFLICT,
  [ErrorCode.ServiceUnavailable]: HttpStatus.SERVICE_UNAVAILABLE,
};

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: unknown;
}

// Database errors that mean "Postgres is not there", so the sender should retry later (503), not give up (500).
const DB_UNAVAILABLE = /ECONNREFUSED|ENOTFOUND|Connection terminated|timeout exceeded when trying to connect|the database system is (starting|shutting) up/i;

/** `/webhooks/strava/s3cr3t` → `/webhooks/strava`: unsigned platforms carry a secret in the path. */
function webhookRoute(path: string | undefined): string | null {
  const match = /^\/webhooks\/[^/?#]+/.exec(path ?? '');
  return match ? match[0] : null;
}

const pathOf = (req: FastifyRequest | undefined): string | undefined => req?.url.split('?')[0];

/** A GET for a web page (not the JSON API, webhooks or health checks). */
function isPageRequest(req: FastifyRequest): boolean {
  return req.method === 'GET' && !/^\/(api|webhooks|health|oauth|unsubscribe|assets)(\/|$)/.test(pathOf(req) ?? '');
}

function errorPage(body: ErrorBody): string {
  const text = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return (
    `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<title>${body.statusCode} · Loadwatch</title><link rel="stylesheet" href="/assets/app.css"></head><body><main class="narrow">` +
    `<h1>${body.statusCode === 404 ? 'Not found' : body.statusCode === 403 ? 'Not yours to see' : 'Something went wrong'}</h1>` +
    `<p class="error-message">${text(body.message)}</p><p><a href="/">Back to Loadwatch</a></p></main></body></html>`
  );
}

/** The one place that turns an error into HTTP: `{ statusCode, error, message, details? }`. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(HttpExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<FastifyReply>();
    const req = host.switchToHttp().getRequest<FastifyRequest | undefined>();
    const body = this.toBody(exception);
    if (body.statusCode >= 500) {
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    } else if (webhookRoute(pathOf(req))) {
      // The standard webhook route skips the per-request log (its cost per webhook): refusals are logged here.
      this.logger.warn(`${req?.method} ${webhookRoute(pathOf(req))} refused: ${body.statusCode} ${body.error}: ${body.message}`);
    }
    if (res.sent) return;
    if (req && isPageRequest(req)) {
      // A person at a browser: send them to sign in, or show the error as a page rather than JSON.
      if (body.statusCode === 401) return void res.redirect(`/login?next=${encodeURIComponent(req.url)}`, 303);
      void res.status(body.statusCode).type('text/html; charset=utf-8').send(errorPage(body));
      return;
    }
    void res.status(body.statusCode).send(body);
  }

  toBody(exception: unknown): ErrorBody {
    if (exception instanceof DomainError) {
      return this.body(STATUS_BY_CODE[exception.code], exception.code, exception.message, exception.details);
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const raw = typeof response === 'string' ? response : (response as { message?: unknown }).message;
      const details = Array.isArray(raw) ? raw : undefined;
      const message = typeof raw === 'string' ? raw : details ? 'Request validation failed' : exception.message;
      return this.body(status, HttpStatus[status] ?? 'ERROR', message, details);
    }
    if (exception instanceof Error && DB_UNAVAILABLE.test(exception.message)) {
      return this.body(503, ErrorCode.ServiceUnavailable, 'A backing service is unavailable; retry later');
    }
    return this.body(500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
  }

  private body(statusCode: number, error: string, message: string, details?: unknown): ErrorBody {
    return details === undefined ? { statusCode, error, message } : { statusCode, error, message, details };
  }
}
