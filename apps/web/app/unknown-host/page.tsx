import { notFound } from "next/navigation";

/** Target of the proxy's rewrite for unknown hosts and direct hits on the internal tree. */
export default function UnknownHost() {
  notFound();
}
