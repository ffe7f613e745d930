import { MangoValidationError } from '../core/errors.js';

/**
 * The addresses the PBX posts notifications from (reference §1.1, §7): a ready allow-list for
 * `createWebhookHandler({ allowIps: MANGO_NOTIFICATION_IPS })`. `81.88.80.34` was retired on
 * 22.04.2025 and is not listed.
 */
export const MANGO_NOTIFICATION_IPS: readonly string[] = [
  '81.88.80.132',
  '81.88.80.133',
  '81.88.82.36',
  '81.88.82.44',
  '81.88.82.45',
];

/** A compiled allow-list: single addresses and CIDR ranges, IPv4 and IPv6. */
export interface IpAllowList {
  has(ip: string): boolean;
}

/** An address as bytes: 4 for IPv4 (IPv4-mapped IPv6 included), 16 for IPv6. */
type AddressBytes = Uint8Array;

function parseIpv4(text: string): AddressBytes | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const bytes = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    const part = parts[i]!;
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    bytes[i] = octet;
  }
  return bytes;
}

/** Parses IPv6 text (with `::`, an embedded IPv4 tail and a `%zone`) into 16 bytes. */
function parseIpv6(text: string): AddressBytes | undefined {
  const zone = text.indexOf('%');
  const address = zone < 0 ? text : text.slice(0, zone);
  if (!address.includes(':')) return undefined;
  const halves = address.split('::');
  if (halves.length > 2) return undefined;
  const groups = (half: string): number[] | undefined => {
    if (half === '') return [];
    const out: number[] = [];
    const pieces = half.split(':');
    for (let i = 0; i < pieces.length; i++) {
      const piece = pieces[i]!;
      if (i === pieces.length - 1 && piece.includes('.')) {
        const v4 = parseIpv4(piece);
        if (v4 === undefined) return undefined;
        out.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
      } else if (/^[0-9a-fA-F]{1,4}$/.test(piece)) {
        out.push(Number.parseInt(piece, 16));
      } else {
        return undefined;
      }
    }
    return out;
  };
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  if (head === undefined || tail === undefined) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const all = [...head, ...new Array<number>(missing).fill(0), ...tail];
  const bytes = new Uint8Array(16);
  all.forEach((group, i) => {
    bytes[2 * i] = group >> 8;
    bytes[2 * i + 1] = group & 0xff;
  });
  return bytes;
}

/** True for `::ffff:a.b.c.d`, the form dual-stack sockets report IPv4 peers in. */
function isIpv4Mapped(bytes: AddressBytes): boolean {
  if (bytes.length !== 16) return false;
  for (let i = 0; i < 10; i++) if (bytes[i] !== 0) return false;
  return bytes[10] === 0xff && bytes[11] === 0xff;
}

/** Parses an address; IPv4-mapped IPv6 becomes its IPv4 address. `undefined` when not an address. */
export function parseIp(text: string): AddressBytes | undefined {
  const trimmed = text.trim();
  const bracketed = trimmed.startsWith('[') && trimmed.endsWith(']') ? trimmed.slice(1, -1) : trimmed;
  const bytes = parseIpv4(bracketed) ?? parseIpv6(bracketed);
  return bytes !== undefined && isIpv4Mapped(bytes) ? bytes.slice(12) : bytes;
}

interface Range {
  bytes: AddressBytes;
  bits: number;
}

function inRange(address: AddressBytes, range: Range): boolean {
  if (address.length !== range.bytes.length) return false;
  const whole = range.bits >> 3;
  for (let i = 0; i < whole; i++) if (address[i] !== range.bytes[i]) return false;
  const rest = range.bits & 7;
  if (rest === 0) return true;
  const mask = (0xff << (8 - rest)) & 0xff;
  return (address[whole]! & mask) === (range.bytes[whole]! & mask);
}

function compileEntry(entry: string): Range {
  const slash = entry.indexOf('/');
  const text = slash < 0 ? entry : entry.slice(0, slash);
  const parsed = parseIp(text);
  const wasMapped = parsed?.length === 4 && text.includes(':');
  const width = parsed === undefined ? 0 : parsed.length * 8;
  let bits = width;
  if (slash >= 0) {
    const suffix = entry.slice(slash + 1).trim();
    bits = /^\d{1,3}$/.test(suffix) ? Number(suffix) : Number.NaN;
    // `::ffff:10.0.0.0/104` is the IPv6 spelling of `10.0.0.0/8`.
    if (wasMapped) bits -= 96;
  }
  if (parsed === undefined || !Number.isInteger(bits) || bits < 0 || bits > width) {
    throw new MangoValidationError(
      `allowIps entry "${entry}" is not an IPv4 or IPv6 address or CIDR range (e.g. 81.88.80.132, 10.0.0.0/8, 2001:db8::/32)`,
    );
  }
  return { bytes: parsed, bits };
}

/**
 * Compiles entries such as `81.88.80.132`, `10.0.0.0/8`, `::1` or `2001:db8::/32` into an
 * allow-list. An IPv4 peer reported as IPv4-mapped IPv6 (`::ffff:127.0.0.1`) matches IPv4
 * entries, and an IPv4-mapped entry matches the plain IPv4 peer. A malformed entry throws
 * `MangoValidationError` at once instead of silently never matching.
 */
export function compileAllowList(entries: readonly string[]): IpAllowList {
  const ranges = entries.map(compileEntry);
  return {
    has(ip: string): boolean {
      const address = parseIp(ip);
      if (address === undefined) return false;
      for (const range of ranges) if (inRange(address, range)) return true;
      return false;
    },
  };
}
