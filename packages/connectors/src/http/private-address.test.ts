import { describe, expect, it } from "vitest";
import { isPrivateAddress } from "./private-address";

describe("isPrivateAddress", () => {
  it("refuses loopback, private, link-local (metadata), CGNAT, multicast, reserved and their IPv6 and IPv4-mapped forms", () => {
    for (const ip of [
      "127.0.0.1", "127.255.0.9", "10.0.0.1", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.0.10", "169.254.169.254", "100.64.0.1", "100.127.255.254",
      "0.0.0.0", "224.0.0.1", "239.255.255.250", "255.255.255.255", "198.18.0.1",
      "::1", "::", "fd00::1", "fd00:ec2::254", "fe80::1", "ff02::1", "::ffff:127.0.0.1", "::ffff:7f00:1", "::ffff:a9fe:a9fe", "::ffff:10.0.0.1", "64:ff9b::a9fe:a9fe", "2002:7f00:1::", "::127.0.0.1",
      "not-an-ip", "",
    ]) expect(isPrivateAddress(ip), ip).toBe(true);
  });

  it("allows public addresses, IPv4 and IPv6 (mapped included)", () => {
    for (const ip of ["8.8.8.8", "172.32.0.1", "100.128.0.1", "200.147.67.142", "2804:14c::1", "2606:4700::1111", "::ffff:8.8.8.8"]) expect(isPrivateAddress(ip), ip).toBe(false);
  });
});
