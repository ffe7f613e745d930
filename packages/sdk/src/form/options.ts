/** How forgiving a form reader is. */
export interface FormParseOptions {
  /**
   * `false` (default): a repeated envelope field or broken percent-encoding throws
   * `MalformedFormError` (a receiver must not guess). `true`: the first of a repeated field wins
   * and broken percent-encoding is kept as a browser's `URLSearchParams` keeps it, as the
   * vendor's own server reads forms.
   */
  lenient?: boolean;
}

/** The three form fields of a request or notification (reference §1.2), as received; any may be missing. */
export interface EnvelopeFields {
  vpbx_api_key?: string;
  sign?: string;
  json?: string;
}
