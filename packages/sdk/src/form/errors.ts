import { MangoError } from '../core/errors.js';

/** A body that is not a well-formed form: bad percent-encoding, a repeated field, broken multipart. */
export class MalformedFormError extends MangoError {
  override name = 'MalformedFormError';
}

/** A `multipart/form-data` body that cannot be split into parts (a kind of `MalformedFormError`). */
export class MultipartError extends MalformedFormError {
  override name = 'MultipartError';
}
