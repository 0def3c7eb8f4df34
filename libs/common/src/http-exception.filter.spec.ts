import { ArgumentsHost, BadRequestException, Logger, NotFoundException } from '@nestjs/common';
import { DomainError, ErrorCode } from './domain-error';
import { HttpExceptionFilter } from './http-exception.filter';

describe('HttpExceptionFilter', () => {
  const filter = new HttpExceptionFilter();

  it.each([
    [new DomainError(ErrorCode.SignatureInvalid, 'bad'), 401, 'SIGNATURE_INVALID'],
    [new DomainError(ErrorCode.ValidationFailed, 'bad', [{ field: 'x' }]), 422, 'VALIDATION_FAILED'],
    [new DomainError(ErrorCode.PayloadTooLarge, 'big'), 413, 'PAYLOAD_TOO_LARGE'],
    [new BadRequestException('Validation failed (uuid is expected)'), 400, 'BAD_REQUEST'],
    [new NotFoundException(), 404, 'NOT_FOUND'],
    [new Error('connect ECONNREFUSED 127.0.0.1:5432'), 503, 'SERVICE_UNAVAILABLE'],
  ])('should map %p to %i %s', (error, status, code) => {
    const body = filter.toBody(error);
    expect(body.statusCode).toBe(status);
    expect(body.error).toBe(code);
    expect(typeof body.message).toBe('string');
  });

  it('should log a refused webhook at warn with its route but not a secret path token', () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const res = { sent: false, status: jest.fn().mockReturnThis(), send: jest.fn() };
    const req = { method: 'POST', url: '/webhooks/polar/tok_SECRET?x=1' };
    const host = { switchToHttp: () => ({ getResponse: () => res, getRequest: () => req }) } as unknown as ArgumentsHost;
    filter.catch(new DomainError(ErrorCode.SignatureInvalid, 'webhook-signature does not match the body'), host);
    expect(res.status).toHaveBeenCalledWith(401);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0][0]).toBe('POST /webhooks/polar refused: 401 SIGNATURE_INVALID: webhook-signature does not match the body');
    warn.mockRestore();
  });

  it('should hide the details of an unexpected error', () => {
    expect(filter.toBody(new TypeError('secret internals'))).toEqual({ statusCode: 500, error: 'INTERNAL_SERVER_ERROR', message: 'Internal server error' });
  });
});
