import { timingSafeEqual } from 'node:crypto';
import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { APP_CONFIG, AppConfig } from '@app/config';
import { DomainError, ErrorCode } from '@app/common';

/** Until accounts arrive (Step 6) the /api routes take one operator token: `Authorization: Bearer <API_TOKEN>`. */
@Injectable()
export class BearerTokenGuard implements CanActivate {
  private readonly expected: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.expected = Buffer.from(config.apiToken);
  }

  canActivate(context: ExecutionContext): boolean {
    const header = context.switchToHttp().getRequest<Request>().headers.authorization ?? '';
    const match = /^Bearer (.+)$/i.exec(header);
    if (!match) throw new DomainError(ErrorCode.Unauthenticated, 'Authorization: Bearer <token> is required');
    const offered = Buffer.from(match[1]);
    if (offered.length !== this.expected.length || !timingSafeEqual(offered, this.expected)) {
      throw new DomainError(ErrorCode.Unauthenticated, 'The bearer token is not valid');
    }
    return true;
  }
}
