import { createHmac } from 'node:crypto';
import { signaturesEqual, signJson } from 'mangokit/protocol';
import { HINTS, type SandboxText } from '../../i18n/messages.js';

/**
 * What a 404 of the API surface says: the path the client probably meant. The sandbox answers
 * such requests as production does (404: no evidence production serves them), and says why in
 * the body and the request log, so a client's wrong path is found in one request.
 */

/** A 404 explained: `text` says why (in both languages), `did_you_mean` is the path to call instead. */
export interface PathHint {
  text: SandboxText;
  did_you_mean?: string;
}

/**
 * Paths people assume that have no evidence (reference §9 item 15), with what to use instead.
 * Keys are paths without the leading slash and without a trailing one.
 */
const ASSUMED_PATHS: Record<string, PathHint> = {
  'vpbx/queries/balance': { text: HINTS.queriesBalance, did_you_mean: '/vpbx/account/balance' },
  'vpbx/config/groups/request': { text: HINTS.configGroups, did_you_mean: '/vpbx/groups' },
  'vpbx/commands/recording/stop': { text: HINTS.recordingStop },
  'vpbx/commands/play/stop': { text: HINTS.playStop, did_you_mean: '/vpbx/commands/play/start' },
  'vpbx/commands/call/hold/off': { text: HINTS.holdOff },
  'vpbx/config/webhook': { text: HINTS.webhookRegistration },
  'vpbx/events/callback': { text: HINTS.eventsCallback },
};

/**
 * Why `path` (no leading slash) is not an API method, or undefined when nothing better than a
 * plain "not found" can be said. `known(p)` tells whether `p` is a method of the surface.
 */
export function pathHint(path: string, known: (path: string) => boolean): PathHint | undefined {
  const assumed = ASSUMED_PATHS[path];
  if (assumed) return assumed;
  // A client that drops the `vpbx/` prefix (reference §9 item 16: PY-DAS calls ~19 methods so).
  if (!path.startsWith('vpbx/') && known(`vpbx/${path}`)) {
    return { text: HINTS.missingPrefix(path), did_you_mean: `/vpbx/${path}` };
  }
  // `vpbx/` twice, as a base URL ending in /vpbx/ plus a path starting with vpbx/ gives.
  if (path.startsWith('vpbx/vpbx/') && known(path.slice(5))) {
    return { text: HINTS.doublePrefix(path.slice(5)), did_you_mean: `/${path.slice(5)}` };
  }
  // Notifications posted to the API instead of a webhook.
  if (/^(vpbx\/)?(events|result)\//.test(path)) {
    return { text: HINTS.notificationPath };
  }
  return undefined;
}

/**
 * Why a signature did not match, when a known client mistake explains it (the request log says
 * so; the answer stays production's 401 / 3102). Never includes the salt or a signature.
 */
export function signatureHint(
  apiKey: string,
  apiSalt: string,
  json: string,
  sign: string,
): SandboxText | undefined {
  const given = sign.toLowerCase();
  const credentials = { apiKey, apiSalt };
  // A raw, un-urlencoded body: each `+` of the JSON arrived as a space (GO-TP, reference §9 item 16).
  if (json.includes(' ') && signaturesEqual(signJson(credentials, json.replaceAll(' ', '+')), given)) {
    return HINTS.notUrlencoded;
  }
  // An HMAC keyed with the salt instead of sha256(key + json + salt) (MCP-YAH, reference §10).
  for (const data of [apiKey + json, json]) {
    if (signaturesEqual(createHmac('sha256', apiSalt).update(data, 'utf8').digest('hex'), given)) {
      return HINTS.hmacSign;
    }
  }
  return undefined;
}
