import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/**
 * Who is asking, for per-address budgets. Without a trusted proxy (`TRUST_PROXY`, README) it is
 * the socket's peer, whatever X-Forwarded-For says: a client can write that header itself. Behind
 * `trustedProxies` proxies, each of which appends the address it was reached from, the client is
 * the entry the outermost of them added; entries left of it came from the client.
 */
export function clientAddressOf(c: Context, trustedProxies: number): string {
  if (trustedProxies > 0) {
    const hops = (c.req.header('x-forwarded-for') ?? '')
      .split(',')
      .map((hop) => hop.trim())
      .filter((hop) => hop !== '');
    const client = hops[hops.length - trustedProxies];
    if (client) return unmapIpv4(client);
  }
  return socketAddressOf(c);
}

function socketAddressOf(c: Context): string {
  try {
    return unmapIpv4(getConnInfo(c).remote.address ?? 'unknown');
  } catch {
    return 'unknown'; // app.request() in tests has no socket
  }
}

/** "::ffff:192.0.2.1" (IPv4 on a dual-stack socket) is 192.0.2.1: one client, one budget. */
function unmapIpv4(address: string): string {
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice('::ffff:'.length) : address;
}
