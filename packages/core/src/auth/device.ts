/** What a session's User-Agent says about where it was opened: browser and system, or null if unknown. */
export interface Device {
  browser: string | null;
  os: string | null;
  mobile: boolean;
}

// Order matters: Edge, Opera and Samsung Internet also say "Chrome"; Chrome also says "Safari".
const BROWSERS: [RegExp, string][] = [
  [/\bEdg(?:e|A|iOS)?\//, "Edge"],
  [/\b(?:OPR|Opera)\//, "Opera"],
  [/\bSamsungBrowser\//, "Samsung Internet"],
  [/\b(?:Firefox|FxiOS)\//, "Firefox"],
  [/\b(?:Chrome|CriOS|Chromium)\//, "Chrome"],
  [/\bVersion\/[\d.]+.*\bSafari\//, "Safari"],
];

// iPadOS and iOS before Android and macOS: iPhones say "like Mac OS X", Android says "Linux".
const SYSTEMS: [RegExp, string][] = [
  [/\b(?:iPhone|iPad|iPod)\b/, "iOS"],
  [/\bAndroid\b/, "Android"],
  [/\bWindows\b/, "Windows"],
  [/\bCrOS\b/, "ChromeOS"],
  [/\bMac OS X\b|\bMacintosh\b/, "macOS"],
  [/\bLinux\b/, "Linux"],
];

const first = (ua: string, list: [RegExp, string][]) => list.find(([re]) => re.test(ua))?.[1] ?? null;

export function describeDevice(userAgent: string | null): Device | null {
  if (!userAgent) return null;
  const browser = first(userAgent, BROWSERS);
  const os = first(userAgent, SYSTEMS);
  if (!browser && !os) return null;
  return { browser, os, mobile: /\bMobile\b|\b(?:iPhone|iPad|Android)\b/.test(userAgent) };
}
