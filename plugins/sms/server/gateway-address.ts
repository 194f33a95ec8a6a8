import { lookup } from "node:dns";
import { lookup as lookupAll } from "node:dns/promises";
import { BlockList, isIP, type LookupFunction } from "node:net";

/**
 * Addresses no company's gateway may be at unless the installation allows
 * it: this machine, its private networks, link-local (cloud metadata) and
 * multicast. A company admin sets the gateway's address, and the log shows
 * the start of its answers, so that otherwise one could read the services
 * beside the engine.
 */
const privateRanges = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 3],
] as const)
  privateRanges.addSubnet(network, prefix, "ipv4");
for (const [network, prefix] of [
  // This machine, and IPv4-compatible, NAT64 and 6to4 addresses: they carry an IPv4 address
  // that may be a private one, and a gateway has no need of them.
  ["::", 96],
  ["64:ff9b::", 96],
  ["2002::", 16],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const)
  privateRanges.addSubnet(network, prefix, "ipv6");

/** An installation whose gateway is on its own network allows it with `SMS_PRIVATE_GATEWAYS=allow`. */
export const privateGatewaysAllowed = () => process.env.SMS_PRIVATE_GATEWAYS === "allow";

export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return privateRanges.check(mapped[1]!, "ipv4");
  return privateRanges.check(address, isIP(address) === 6 ? "ipv6" : "ipv4");
}

/** A connection refused because of where it would go. */
export class PrivateAddressError extends Error {
  constructor(readonly address: string) {
    super(`${address} is a private address`);
  }
}

/** A URL's host without the brackets of an IPv6 literal. */
export const bareHost = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, "$1");

/**
 * The DNS lookup of the gateway's connection, which refuses a private
 * address. Checking the address connected to, not one looked up before,
 * leaves no gap for a name that resolves elsewhere the second time.
 */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  lookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, "");
    const refused = addresses.find((a) => isPrivateAddress(a.address));
    if (refused) return callback(new PrivateAddressError(refused.address), "");
    if (options.all) return callback(null, addresses);
    // A lookup that finds nothing fails (ENOTFOUND): there is a first.
    const first = addresses[0]!;
    callback(null, first.address, first.family);
  });
};

/** The private address a host is at, if it is at one: checked when the settings are saved. */
export async function privateAddressOf(host: string): Promise<string | undefined> {
  if (isIP(host) !== 0) return isPrivateAddress(host) ? host : undefined;
  const addresses = await lookupAll(host, { all: true });
  return addresses.find((a) => isPrivateAddress(a.address))?.address;
}
