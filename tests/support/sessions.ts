import { expect } from "vitest";
import type { FixtureTenant } from "./fixtures";
import { Client } from "./http";

type Role = "admin" | "agent" | "viewer";

/**
 * Signed-in clients on an app server of the test's own (not the shared one loginAs uses), one per
 * tenant and role, made at first use. `server` is read then: it is started in beforeAll.
 */
export function signedInClients(server: () => { port: number; rootDomain: string }) {
  const clients = new Map<string, Client>();
  return async function as(t: FixtureTenant, role: Role = "admin"): Promise<Client> {
    const key = `${t.id}:${role}`;
    let c = clients.get(key);
    if (!c) {
      const { port, rootDomain } = server();
      c = new Client(port, `${t.slug}.${rootDomain}`);
      expect(await c.login(t.users[role].email, t.users[role].password)).toBeNull();
      clients.set(key, c);
    }
    return c;
  };
}
