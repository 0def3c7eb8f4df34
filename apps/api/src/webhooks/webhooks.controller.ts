import { All, Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { InboundRequest, ProviderIntakeService, WebhookIntakeService } from '@app/ingestion';
import { Public } from '../auth/access.decorators';

function rawBodyOf(req: FastifyRequest): Buffer {
  return Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
}

function inbound(req: FastifyRequest, pathToken: string | undefined): InboundRequest {
  const query: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(req.query as Record<string, unknown>)) query[k] = typeof v === 'string' ? v : undefined;
  const headers: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v[0] : v;
  return { method: req.method, pathToken, query, headers, rawBody: rawBodyOf(req) };
}

@ApiTags('webhooks')
@Public()
@Controller('webhooks')
export class WebhooksController {
  constructor(
    private readonly standardIntake: WebhookIntakeService,
    private readonly providerIntake: ProviderIntakeService,
  ) {}

  @Post('standard')
  @HttpCode(202)
  @ApiOperation({ summary: 'Receive a Standard Webhooks event (session, recovery or self-report)' })
  @ApiHeader({ name: 'webhook-id', required: true })
  @ApiHeader({ name: 'webhook-timestamp', required: true })
  @ApiHeader({ name: 'webhook-signature', required: true })
  async standard(@Req() req: FastifyRequest, @Res({ passthrough: true }) res: FastifyReply): Promise<{ status: string; eventId: string }> {
    const result = await this.standardIntake.receiveStandard(rawBodyOf(req), inbound(req, undefined).headers);
    // A redelivery is acknowledged (2xx, so the sender stops retrying) but changes nothing.
    if (result.status === 'duplicate') void res.status(200);
    return result;
  }

  @All(':provider')
  @ApiOperation({ summary: "A wearable platform's webhook (handshake and deliveries), per webhooks.md" })
  platform(@Param('provider') provider: string, @Req() req: FastifyRequest, @Res() res: FastifyReply): Promise<void> {
    return this.reply(provider, inbound(req, undefined), res);
  }

  @All(':provider/:token')
  @ApiExcludeEndpoint() // the secret path token of unsigned platforms stays out of the public description
  platformWithToken(@Param('provider') provider: string, @Param('token') token: string, @Req() req: FastifyRequest, @Res() res: FastifyReply): Promise<void> {
    return this.reply(provider, inbound(req, token), res);
  }

  private async reply(provider: string, req: InboundRequest, res: FastifyReply): Promise<void> {
    const reply = await this.providerIntake.receive(provider, req);
    if (reply.body === undefined || req.method === 'HEAD') await res.status(reply.status).send();
    else await res.status(reply.status).send(reply.body);
  }
}
