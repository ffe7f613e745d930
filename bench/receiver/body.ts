import { encodeEnvelope, signNotification } from 'mangokit/protocol';

/** Credentials of the benchmark account. */
export const BENCH_CREDENTIALS = {
  apiKey: 'benchkey0123456789abcdefghijklm',
  apiSalt: 'benchsalt0123456789',
};

/** Size of the signed `events/call` form every receiver gets (the figure in issue 3). */
export const BODY_BYTES = 647;

/**
 * A signed urlencoded `events/call` notification of exactly `BODY_BYTES` bytes: a realistic
 * leg event whose `entry_id` is lengthened to reach the size.
 */
export function benchBody(): string {
  for (let pad = 0; pad <= 62; pad++) {
    const payload = {
      entry_id: `MTI1NTI3NjE0NzQ6MTA1${'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'.slice(0, pad)}`,
      call_id: 'MToxMDAyMzM3Mzo0MDE6NjE5MDQ5MTk2OjE=',
      timestamp: 1700000000,
      seq: 2,
      call_state: 'Connected',
      location: 'abonent',
      from: { number: '79001234567' },
      to: {
        extension: '101',
        number: 'sip:user101@vpbx400123456.mangosip.ru',
        line_number: '74951234567',
        acd_group: '300',
      },
      dct: { type: 0 },
    };
    const body = encodeEnvelope(signNotification(BENCH_CREDENTIALS, payload));
    if (Buffer.byteLength(body) === BODY_BYTES) return body;
  }
  throw new Error(`cannot build a ${BODY_BYTES}-byte body`);
}
