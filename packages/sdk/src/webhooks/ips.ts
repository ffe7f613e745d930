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

/** A compiled allow-list: exact addresses and IPv4 CIDR ranges. */
export interface IpAllowList {
  has(ip: string): boolean;
}

function ipv4ToInt(ip: string): number | undefined {
  const parts = ip.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = value * 256 + octet;
  }
  return value;
}

/** Strips the IPv4-mapped IPv6 prefix Node reports on dual-stack sockets (`::ffff:1.2.3.4`). */
export function normaliseIp(ip: string): string {
  const trimmed = ip.trim();
  return trimmed.startsWith('::ffff:') && trimmed.includes('.') ? trimmed.slice(7) : trimmed.toLowerCase();
}

/** Compiles entries such as `81.88.80.132`, `10.0.0.0/8` or `::1` into an allow-list. */
export function compileAllowList(entries: readonly string[]): IpAllowList {
  const exact = new Set<string>();
  const ranges: { base: number; mask: number }[] = [];
  for (const entry of entries) {
    const slash = entry.indexOf('/');
    if (slash < 0) {
      exact.add(normaliseIp(entry));
      continue;
    }
    const base = ipv4ToInt(entry.slice(0, slash));
    const bits = Number(entry.slice(slash + 1));
    if (base === undefined || !Number.isInteger(bits) || bits < 0 || bits > 32) {
      throw new TypeError(`allowIps entry "${entry}" is not an address or an IPv4 CIDR range`);
    }
    const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
    ranges.push({ base: (base & mask) >>> 0, mask });
  }
  return {
    has(ip: string): boolean {
      const address = normaliseIp(ip);
      if (exact.has(address)) return true;
      if (ranges.length === 0) return false;
      const value = ipv4ToInt(address);
      if (value === undefined) return false;
      return ranges.some((r) => (value & r.mask) >>> 0 === r.base);
    },
  };
}
