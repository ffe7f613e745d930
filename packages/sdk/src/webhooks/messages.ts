/**
 * The receiver's human texts, in one place so they can be translated. They explain a refusal to
 * whoever reads the answer (the PBX reads only the status) and never contain secrets.
 */
export const REJECTION_MESSAGES = {
  not_found: 'not a notification path of this receiver',
  address_not_allowed: 'the source address is not allowed to post notifications',
  method_not_allowed: 'notifications are posted with POST',
  unsupported_media_type: 'the body must be application/x-www-form-urlencoded or multipart/form-data',
  payload_too_large: 'the body is larger than this receiver accepts',
  malformed_form: 'the body is not a well-formed form',
  missing_field: 'the form needs vpbx_api_key, sign and json',
  wrong_key: 'vpbx_api_key does not match this account',
  bad_signature: 'sign does not match json',
  malformed_json: 'json is not valid JSON',
  invalid_payload: 'json does not have the shape this notification path requires',
  not_accepted: 'the notification was not accepted; send it again later',
} as const;
