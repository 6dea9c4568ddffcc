/**
 * Mailbox providers whose domain says nothing about the lead's company: conversion never creates
 * a company from them. Brazilian providers first, then the international ones seen in Brazil.
 */
export const FREE_MAIL_DOMAINS = new Set([
  "gmail.com", "googlemail.com", "hotmail.com", "hotmail.com.br", "outlook.com", "outlook.com.br", "live.com", "live.com.br",
  "msn.com", "yahoo.com", "yahoo.com.br", "ymail.com", "rocketmail.com", "icloud.com", "me.com", "mac.com",
  "bol.com.br", "uol.com.br", "terra.com.br", "ig.com.br", "globo.com", "globomail.com", "r7.com", "oi.com.br",
  "zipmail.com.br", "superig.com.br", "click21.com.br", "pop.com.br", "aol.com", "protonmail.com", "proton.me",
  "gmx.com", "gmx.net", "mail.com", "yandex.com", "zoho.com", "tutanota.com", "hey.com",
]);

/** The company domain of an e-mail address, or null for free-mail providers and malformed addresses. */
export function companyDomainOf(email: string | null | undefined): string | null {
  const at = email?.trim().toLowerCase().split("@");
  if (!at || at.length !== 2 || !at[1]) return null;
  const domain = at[1].replace(/\.$/, "");
  if (!/^([a-z0-9-]+\.)+[a-z]{2,}$/.test(domain) || FREE_MAIL_DOMAINS.has(domain)) return null;
  return domain;
}

/** "padaria-sol.com.br" → "Padaria Sol": a readable company name when the lead gave none. */
export function nameFromDomain(domain: string): string {
  const label = domain.split(".")[0] ?? domain;
  return label
    .split(/[-_]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join(" ");
}
