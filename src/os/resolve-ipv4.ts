// Host name to IPv4 address for the servers we bind. node:dns is loaded on the first name that is not
// already an address: most configs bind 127.0.0.1 or a unix socket, and an idle daemon should not carry it.
import { isIPv4 } from 'node:net';

export async function resolveIPv4(host: string): Promise<string> {
  if (isIPv4(host)) return host;
  const { lookup } = await import('node:dns/promises');
  return (await lookup(host, { family: 4 })).address;
}
