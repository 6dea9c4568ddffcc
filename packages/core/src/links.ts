/** Absolute links are built from configuration (slug + ROOT_DOMAIN), never from a request's Host. */
export interface AppLinks {
  tenantUrl(slug: string, path: string): string;
  rootUrl(path: string): string;
}

export function appLinks(rootDomain: string, protocol: "http" | "https"): AppLinks {
  return {
    tenantUrl: (slug, path) => `${protocol}://${slug}.${rootDomain}${path}`,
    rootUrl: (path) => `${protocol}://${rootDomain}${path}`,
  };
}
