export { MalformedFormError, MultipartError } from './errors.js';
export { type FormKind, formKind, parseEnvelopeForm, type ReceivedForm } from './envelope.js';
export { type MultipartPart, multipartBoundary, parseMultipart, parseMultipartParts } from './multipart.js';
export type { EnvelopeFields, FormParseOptions } from './options.js';
export { parseUrlencoded } from './urlencoded.js';
