"use client";
import { useEffect, useState } from "react";

/** What the server says the browser needs for Meta's popup (whatsapp.signupConfig). */
export interface SignupConfig {
  appId: string;
  configId: string;
  sdkUrl: string;
  apiVersion: string;
}

/** The popup's outcome: the code and the number chosen, or why there is none. */
export type SignupOutcome = { ok: true; code: string; phoneNumberId: string; wabaId: string } | { ok: false; reason: "cancel" | "no-number" } | { ok: false; reason: "error"; message: string };

type FBLoginResponse = { authResponse?: { code?: string } | null; status?: string };
interface FBSdk {
  init(opts: Record<string, unknown>): void;
  login(cb: (r: FBLoginResponse) => void, opts: Record<string, unknown>): void;
}
declare global {
  interface Window {
    FB?: FBSdk;
    fbAsyncInit?: () => void;
  }
}

/**
 * Whether a message comes from Meta's popup: Facebook's https origins, or the origin the SDK is
 * served from (a stand-in in tests; connect.facebook.net in production, which posts nothing).
 */
export function fromMeta(origin: string, sdkUrl: string): boolean {
  try {
    const u = new URL(origin);
    if (u.protocol === "https:" && (u.hostname === "facebook.com" || u.hostname.endsWith(".facebook.com"))) return true;
    return u.origin === new URL(sdkUrl).origin;
  } catch {
    return false;
  }
}

/** Meta's session message (a JSON string, or an object), when it is one of Embedded Signup's. */
function sessionMessage(data: unknown): { event: string; data: Record<string, unknown> } | null {
  let d = data;
  if (typeof d === "string") {
    try {
      d = JSON.parse(d);
    } catch {
      return null;
    }
  }
  if (typeof d !== "object" || d === null) return null;
  const m = d as { type?: unknown; event?: unknown; data?: unknown };
  if (m.type !== "WA_EMBEDDED_SIGNUP" || typeof m.event !== "string") return null;
  return { event: m.event, data: typeof m.data === "object" && m.data !== null ? (m.data as Record<string, unknown>) : {} };
}

/**
 * Loads Facebook's SDK once (window.fbAsyncInit, then FB.init with the app and Graph version) when
 * a config is given: "loading", "ready" or "failed" (blocked or unreachable).
 */
export function useFacebookSdk(config: SignupConfig | null | undefined): "idle" | "loading" | "ready" | "failed" {
  const [state, setState] = useState<"idle" | "loading" | "ready" | "failed">(() => (typeof window !== "undefined" && window.FB ? "ready" : "idle"));
  useEffect(() => {
    if (!config) return;
    if (window.FB) {
      window.FB.init({ appId: config.appId, autoLogAppEvents: true, xfbml: false, version: config.apiVersion });
      setState("ready");
      return;
    }
    setState("loading");
    window.fbAsyncInit = () => {
      window.FB?.init({ appId: config.appId, autoLogAppEvents: true, xfbml: false, version: config.apiVersion });
      setState("ready");
    };
    // A script that failed before (blocked, offline) is dropped and tried again.
    let existing = document.querySelector<HTMLScriptElement>("script[data-facebook-sdk]");
    if (existing?.dataset.failed) {
      existing.remove();
      existing = null;
    }
    const script = existing ?? document.createElement("script");
    const failed = () => {
      script.dataset.failed = "1";
      setState("failed");
    };
    script.addEventListener("error", failed);
    if (!existing) {
      script.src = config.sdkUrl;
      script.async = true;
      script.defer = true;
      script.crossOrigin = "anonymous";
      script.dataset.facebookSdk = "1";
      document.body.appendChild(script);
    }
    return () => script.removeEventListener("error", failed);
  }, [config]);
  return state;
}

/**
 * Opens Meta's Embedded Signup popup (FB.login with the configuration, a code in return) and waits
 * for both halves: the login's code and the popup's FINISH message with the number and WABA (they
 * arrive in either order). Must be called from the click itself, or the browser blocks the popup.
 */
export function embeddedSignup(config: SignupConfig): Promise<SignupOutcome> {
  return new Promise((resolve) => {
    let code: string | null = null;
    let finish: { phoneNumberId: string; wabaId: string } | null = null;
    let done = false;
    let wait: ReturnType<typeof setTimeout> | undefined;
    const end = (o: SignupOutcome) => {
      if (done) return;
      done = true;
      window.removeEventListener("message", onMessage);
      clearTimeout(wait);
      resolve(o);
    };
    const both = () => {
      if (code && finish) end({ ok: true, code, ...finish });
    };
    function onMessage(e: MessageEvent) {
      if (!fromMeta(e.origin, config.sdkUrl)) return;
      const m = sessionMessage(e.data);
      if (!m) return;
      const err = typeof m.data.error_message === "string" ? m.data.error_message : null;
      if (m.event === "FINISH" || m.event === "FINISH_ONLY_WABA" || m.event === "FINISH_WHATSAPP_BUSINESS_APP_ONBOARDING") {
        const phone = m.data.phone_number_id;
        const waba = m.data.waba_id;
        if (typeof phone !== "string" || typeof waba !== "string" || !phone || !waba) return end({ ok: false, reason: "no-number" });
        finish = { phoneNumberId: phone, wabaId: waba };
        both();
      } else if (m.event === "ERROR" || err) {
        end({ ok: false, reason: "error", message: err ?? "erro desconhecido." });
      } else if (m.event === "CANCEL") {
        end({ ok: false, reason: "cancel" });
      }
    }
    window.addEventListener("message", onMessage);
    if (!window.FB) return end({ ok: false, reason: "error", message: "a janela da Meta não carregou." });
    window.FB.login(
      (r) => {
        const c = r.authResponse?.code;
        if (!c) {
          // The session message may say why (an error) a moment after the callback: give it that moment.
          wait = setTimeout(() => end({ ok: false, reason: "cancel" }), 1_000);
          return;
        }
        code = c;
        // The FINISH message normally comes first; without it there is no number to connect.
        wait = setTimeout(() => end({ ok: false, reason: "no-number" }), 10_000);
        both();
      },
      { config_id: config.configId, response_type: "code", override_default_response_type: true, extras: { setup: {}, sessionInfoVersion: "3" } },
    );
  });
}
