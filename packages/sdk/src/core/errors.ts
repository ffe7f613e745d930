/**
 * The error hierarchy of the toolkit. Everything thrown by the SDK is a `MangoError`.
 * Messages never contain the API salt or a signature.
 */
export class MangoError extends Error {
  override name = 'MangoError';
}

/** Input rejected before anything was sent (bad parameters, bad options). */
export class MangoValidationError extends MangoError {
  override name = 'MangoValidationError';
}

/** The network failed: DNS, refused connection, reset socket, unreadable answer. */
export class MangoConnectionError extends MangoError {
  override name = 'MangoConnectionError';
}

/** The request did not finish within its deadline. */
export class MangoTimeoutError extends MangoError {
  override name = 'MangoTimeoutError';
}

/** A notification failed verification. `reason` tells which check failed. */
export class MangoSignatureError extends MangoError {
  override name = 'MangoSignatureError';
  constructor(
    message: string,
    readonly reason: 'missing_field' | 'wrong_key' | 'bad_signature' | 'parsed_object' | 'malformed',
  ) {
    super(message);
  }
}
