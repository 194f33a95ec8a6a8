import { describe, expect, it } from "vitest";
import { isPrivateAddress } from "./gateway-address.ts";

describe("isPrivateAddress", () => {
  it("refuses this machine, private networks, link-local and multicast", () => {
    for (const address of [
      "127.0.0.1",
      "10.1.2.3",
      "172.16.0.1",
      "172.31.255.255",
      "192.168.1.1",
      "169.254.169.254",
      "100.64.0.1",
      "0.0.0.0",
      "224.0.0.1",
      "::1",
      "::",
      "fd00::1",
      "fe80::1",
      "::ffff:127.0.0.1",
      "::ffff:10.0.0.1",
      "192.0.0.8",
      "::10.0.0.1",
      "64:ff9b::a00:1",
      "2002:a00:1::1",
    ])
      expect(isPrivateAddress(address), address).toBe(true);
  });

  it("takes public addresses", () => {
    for (const address of ["8.8.8.8", "172.32.0.1", "116.62.1.1", "2400:3200::1", "::ffff:8.8.8.8"])
      expect(isPrivateAddress(address), address).toBe(false);
  });
});
