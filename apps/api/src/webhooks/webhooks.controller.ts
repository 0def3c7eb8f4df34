import { Controller, Headers, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { WebhookIntakeService } from '@app/ingestion';

@ApiTags('webhooks')
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly intake: WebhookIntakeService) {}

  @Post('standard')
  @HttpCode(202)
  @ApiOperation({ summary: 'Receive a Standard Webhooks event (session, recovery or self-report)' })
  @ApiHeader({ name: 'webhook-id', required: true })
  @ApiHeader({ name: 'webhook-timestamp', required: true })
  @ApiHeader({ name: 'webhook-signature', required: true })
  async standard(
    @Req() req: Request,
    @Headers() headers: Record<string, string>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<{ status: string; eventId: string }> {
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const result = await this.intake.receiveStandard(body, headers);
    // A redelivery is acknowledged (2xx, so the sender stops retrying) but changes nothing.
    if (result.status === 'duplicate') res.status(200);
    return result;
  }
}
