import { describe, expect, it } from "vitest";
import { clientIpFrom } from "./request-meta";

const h = (init: Record<string, string>) => new Headers(init);
const one = { vercel: false, trustedProxies: 1 };

describe("clientIpFrom", () => {
  it("behind one proxy: the hop it appended, never what the client wrote before it", () => {
    expect(clientIpFrom(h({ "x-forwarded-for": "6.6.6.6, 203.0.113.9" }), one)).toBe("203.0.113.9");
    expect(clientIpFrom(h({ "x-forwarded-for": "1.1.1.1, 2.2.2.2, 203.0.113.9" }), one)).toBe("203.0.113.9");
    expect(clientIpFrom(h({ "x-forwarded-for": "203.0.113.9" }), one)).toBe("203.0.113.9");
  });
  it("behind two proxies: the second hop from the right", () => {
    const two = { vercel: false, trustedProxies: 2 };
    expect(clientIpFrom(h({ "x-forwarded-for": "6.6.6.6, 203.0.113.9, 10.0.0.2" }), two)).toBe("203.0.113.9");
    expect(clientIpFrom(h({ "x-forwarded-for": "203.0.113.9" }), two)).toBe("203.0.113.9");
  });
  it("on Vercel: x-real-ip, whatever x-forwarded-for says", () => {
    const v = { vercel: true, trustedProxies: 1 };
    expect(clientIpFrom(h({ "x-real-ip": "198.51.100.7", "x-forwarded-for": "6.6.6.6" }), v)).toBe("198.51.100.7");
    expect(clientIpFrom(h({ "x-forwarded-for": "6.6.6.6" }), v)).toBeNull();
  });
  it("no proxy trusted, or no header, or not an address: unknown", () => {
    expect(clientIpFrom(h({ "x-forwarded-for": "203.0.113.9" }), { vercel: false, trustedProxies: 0 })).toBeNull();
    expect(clientIpFrom(h({}), one)).toBeNull();
    expect(clientIpFrom(h({ "x-forwarded-for": "1.1.1.1, not-an-ip" }), one)).toBeNull();
    expect(clientIpFrom(h({ "x-forwarded-for": "::1" }), one)).toBe("::1");
  });
  it("an IPv4 client over an IPv6 socket (::ffff:a.b.c.d) is its IPv4 address; other IPv6 stays as given", () => {
    expect(clientIpFrom(h({ "x-forwarded-for": "::ffff:203.0.113.9" }), one)).toBe("203.0.113.9");
    expect(clientIpFrom(h({ "x-real-ip": "::FFFF:198.51.100.7" }), { vercel: true, trustedProxies: 0 })).toBe("198.51.100.7");
    expect(clientIpFrom(h({ "x-forwarded-for": "2804:14c::1" }), one)).toBe("2804:14c::1");
  });
});
