import bcrypt from "bcryptjs";

// bcrypt (pure JS, no native build); cost 10 keeps a login near 60 ms on this hardware.
const COST = 10;

export const hashPassword = (plain: string) => bcrypt.hash(plain, COST);
export const verifyPassword = (plain: string, hash: string | null) =>
  hash ? bcrypt.compare(plain, hash) : bcrypt.compare(plain, DUMMY_HASH).then(() => false);

// Comparing against a fixed hash when the user is unknown keeps timing the same either way.
const DUMMY_HASH = "$2b$10$CwTycUXWue0Thq9StjUM0uJ8.9n3mYVd0Hq7V3uYQUZIhcLz6i1mK";
