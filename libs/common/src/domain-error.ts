/** Every failure the HTTP layer can explain to a caller. One filter maps each code to a status. */
export enum ErrorCode {
  ValidationFailed = 'VALIDATION_FAILED',
  MalformedJson = 'MALFORMED_JSON',
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  SignatureMissing = 'SIGNATURE_MISSING',
  SignatureInvalid = 'SIGNATURE_INVALID',
  TimestampOutOfTolerance = 'TIMESTAMP_OUT_OF_TOLERANCE',
  Unauthenticated = 'UNAUTHENTICATED',
  Forbidden = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
  Conflict = 'CONFLICT',
  UnknownAthlete = 'UNKNOWN_ATHLETE',
  ServiceUnavailable = 'SERVICE_UNAVAILABLE',
}

export class DomainError extends Error {
  override readonly name = 'DomainError';

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}
