import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import getRawBody from 'raw-body';
import { DomainError, ErrorCode } from '@app/common';
import { AppConfig } from '@app/config';

// JSON bodies of the API and the pages' forms are small.
const JSON_LIMIT_BYTES = 256 * 1024;
// Garmin (≥ 100 MB activity details), Terra and Junction send whole data sets in one delivery.
const LARGE_WEBHOOKS = /^\/webhooks\/(garmin|terra|junction)(\/|\?|$)/;

function isJson(contentType: string | undefined): boolean {
  return contentType !== undefined && /^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(contentType);
}

async function readBody(payload: IncomingMessage, limit: number, length: string | undefined): Promise<Buffer> {
  try {
    return await getRawBody(payload, { limit, length: length === undefined ? undefined : Number(length) });
  } catch (error) {
    if ((error as { type?: string }).type === 'entity.too.large') {
      throw new DomainError(ErrorCode.PayloadTooLarge, `Request body is larger than this endpoint accepts (${limit} bytes)`);
    }
    throw error;
  }
}

/**
 * One parser for every content type. Webhooks get the exact bytes (their signatures are computed over them;
 * they are parsed after verifying); everything else gets JSON parsed the way Fastify's own parser does (which
 * refuses `__proto__` keys), and any other content type is not read into a body at all. Each is read only up to
 * its limit: a body larger than that is refused (413) while it streams in, not after.
 */
export function registerBodyParsing(fastify: FastifyInstance, config: AppConfig): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('*', async (req: FastifyRequest, payload: IncomingMessage) => {
    const url = req.raw.url ?? '';
    const webhook = url.startsWith('/webhooks/');
    const contentType = req.headers['content-type'];
    if (!webhook && !isJson(contentType)) return undefined;
    const limit = !webhook ? JSON_LIMIT_BYTES : LARGE_WEBHOOKS.test(url) ? config.largeWebhookBodyLimitBytes : config.webhookBodyLimitBytes;
    const raw = await readBody(payload, limit, req.headers['content-length']);
    if (webhook) return raw;
    if (raw.length === 0) return undefined;
    return new Promise((resolve, reject) => {
      void parseJson(req, raw.toString('utf8'), (error, body) =>
        error ? reject(new DomainError(ErrorCode.MalformedJson, 'Request body is not valid JSON')) : resolve(body),
      );
    });
  });
}
