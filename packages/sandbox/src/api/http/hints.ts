import { createHmac } from 'node:crypto';
import { signaturesEqual, signJson } from 'mangokit/protocol';

/**
 * What a 404 of the API surface says: the path the client probably meant. The sandbox answers
 * such requests as production does (404: no evidence production serves them), and says why in
 * the body and the request log, so a client's wrong path is found in one request.
 */

/** A 404 explained: `did_you_mean` is the path to call instead, when there is one. */
export interface PathHint {
  message: string;
  did_you_mean?: string;
}

/**
 * Paths people assume that have no evidence (reference §9 item 15), with what to use instead.
 * Keys are paths without the leading slash and without a trailing one.
 */
const ASSUMED_PATHS: Record<string, PathHint> = {
  'vpbx/queries/balance': {
    message: 'There is no queries/balance: the balance is account/balance (reference §3.6.2).',
    did_you_mean: '/vpbx/account/balance',
  },
  'vpbx/config/groups/request': {
    message: 'There is no config/groups/request: groups are listed by /vpbx/groups (reference §3.6.1).',
    did_you_mean: '/vpbx/groups',
  },
  'vpbx/commands/recording/stop': {
    message: 'There is no recording/stop command: a recording ends with its call (reference §2.5, §2.13).',
  },
  'vpbx/commands/play/stop': {
    message:
      'There is no play/stop command: a new play/start interrupts the current playback (reference §2.6, §2.13).',
    did_you_mean: '/vpbx/commands/play/start',
  },
  'vpbx/commands/call/hold/off': {
    message: 'There is no hold/off command: use commands/calls_connect or transfer_cancel (reference §2.11).',
  },
  'vpbx/config/webhook': {
    message:
      'There is no webhook registration method: the notification URL is set in the personal cabinet (reference §2.13).',
  },
  'vpbx/events/callback': {
    message:
      'events/* are notifications the PBX posts to your webhook, not API methods; a callback outcome arrives on result/callback (reference §9 item 15).',
  },
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
    return {
      message: `The Virtual PBX API lives under /vpbx/: /${path} is not a method, /vpbx/${path} is (reference §1.1).`,
      did_you_mean: `/vpbx/${path}`,
    };
  }
  // `vpbx/` twice, as a base URL ending in /vpbx/ plus a path starting with vpbx/ gives.
  if (path.startsWith('vpbx/vpbx/') && known(path.slice(5))) {
    return {
      message: `The path repeats vpbx/: the method is /${path.slice(5)} (reference §1.1).`,
      did_you_mean: `/${path.slice(5)}`,
    };
  }
  // Notifications posted to the API instead of a webhook.
  if (/^(vpbx\/)?(events|result)\//.test(path)) {
    return {
      message:
        'events/* and result/* are notifications the PBX posts to your webhook base URL, not API methods (reference §1.5).',
    };
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
): string | undefined {
  const given = sign.toLowerCase();
  const credentials = { apiKey, apiSalt };
  // A raw, un-urlencoded body: each `+` of the JSON arrived as a space (GO-TP, reference §9 item 16).
  if (json.includes(' ') && signaturesEqual(signJson(credentials, json.replaceAll(' ', '+')), given)) {
    return 'The form was not urlencoded: a "+" in json arrived as a space, so json differs from what was signed (reference §9 item 16).';
  }
  // An HMAC keyed with the salt instead of sha256(key + json + salt) (MCP-YAH, reference §10).
  for (const data of [apiKey + json, json]) {
    if (signaturesEqual(createHmac('sha256', apiSalt).update(data, 'utf8').digest('hex'), given)) {
      return 'sign is an HMAC keyed with the salt; the vendor sign is plain sha256(vpbx_api_key + json + salt) (reference §1.2).';
    }
  }
  return undefined;
}
