import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface Session {
    kind?: "user" | "operator";
    sid?: string;
    tid?: string | null;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    kind?: string;
    sid?: string;
    tid?: string | null;
  }
}
