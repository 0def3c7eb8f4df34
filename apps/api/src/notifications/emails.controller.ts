import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EmailService } from '@app/notifications';
import { Roles } from '../auth/access.decorators';

/** For admins: emails that did not go out (failed after every retry, or unconfirmed after a crash mid-send). */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('api/emails')
export class EmailsController {
  constructor(private readonly emails: EmailService) {}

  @Get('attention')
  @Roles('admin')
  @ApiOperation({ summary: 'Emails needing an admin: failed after all retries, or unconfirmed (worker stopped mid-send)' })
  async attention() {
    return (await this.emails.needingAttention()).map((e) => ({
      id: e.id,
      kind: e.kind,
      alertId: e.alertId,
      recipient: e.recipient,
      subject: e.subject,
      status: e.status,
      attempts: e.attempts,
      lastError: e.lastError,
      updatedAt: e.updatedAt,
    }));
  }
}
