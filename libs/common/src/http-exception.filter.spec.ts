import { BadRequestException, NotFoundException } from '@nestjs/common';
import { DomainError, ErrorCode } from './domain-error';
import { HttpExceptionFilter } from './http-exception.filter';

describe('HttpExceptionFilter', () => {
  const filter = new HttpExceptionFilter();

  it.each([
    [new DomainError(ErrorCode.SignatureInvalid, 'bad'), 401, 'SIGNATURE_INVALID'],
    [new DomainError(ErrorCode.ValidationFailed, 'bad', [{ field: 'x' }]), 422, 'VALIDATION_FAILED'],
    [new DomainError(ErrorCode.PayloadTooLarge, 'big'), 413, 'PAYLOAD_TOO_LARGE'],
    [Object.assign(new Error('parse'), { type: 'entity.parse.failed' }), 400, 'MALFORMED_JSON'],
    [Object.assign(new Error('too big'), { type: 'entity.too.large' }), 413, 'PAYLOAD_TOO_LARGE'],
    [new BadRequestException('Validation failed (uuid is expected)'), 400, 'BAD_REQUEST'],
    [new NotFoundException(), 404, 'NOT_FOUND'],
    [new Error('connect ECONNREFUSED 127.0.0.1:5432'), 503, 'SERVICE_UNAVAILABLE'],
  ])('should map %p to %i %s', (error, status, code) => {
    const body = filter.toBody(error);
    expect(body.statusCode).toBe(status);
    expect(body.error).toBe(code);
    expect(typeof body.message).toBe('string');
  });

  it('should hide the details of an unexpected error', () => {
    expect(filter.toBody(new TypeError('secret internals'))).toEqual({ statusCode: 500, error: 'INTERNAL_SERVER_ERROR', message: 'Internal server error' });
  });
});
