// The browser's side of WhatsApp Embedded Signup, served by the Graph stand-in (graph-api.ts):
// `/sdk.js` stands in for connect.facebook.net's SDK and `/<version>/dialog/oauth` for Facebook's
// popup. The SDK does what the documented one does for this flow: it calls `window.fbAsyncInit`
// once loaded; `FB.init({ appId, version })` must come first; `FB.login(cb, { config_id,
// response_type: 'code', override_default_response_type: true, extras })` opens the popup (so it
// must run in a click) and calls `cb` with `{ authResponse: { code }, status: 'connected' }`, or
// `{ authResponse: null, status: 'unknown' }` when the user gives up. The popup posts Meta's session
// message to its opener first (a JSON string: `{ type: 'WA_EMBEDDED_SIGNUP', event: 'FINISH', data:
// { phone_number_id, waba_id }, version: '3' }`, or CANCEL with `current_step`, or CANCEL with
// `error_message` for an error), from its own origin as Facebook's does from facebook.com. The
// test queues what the next popup does (`nextSignup` / POST /_stand-in/next-signup).

/** The popup's path (Facebook's OAuth dialog). */
export const SIGNUP_DIALOG_PATH = "/v25.0/dialog/oauth";

/** What the next popup does: finish for a number of a WABA, cancel, or end with Meta's error. */
export type PendingSignup = { outcome: "finish"; wabaId: string; phoneNumberId: string } | { outcome: "cancel" } | { outcome: "error"; message?: string };

/** The SDK script (FB.init, FB.login), talking to the popup at `baseUrl`. */
export function sdkScript(baseUrl: string): string {
  return `(function () {
  "use strict";
  var base = ${JSON.stringify(baseUrl)};
  var state = { appId: null, version: null };
  function fail(message) { if (window.console) console.error("FB stand-in: " + message); }
  window.FB = {
    init: function (opts) {
      if (!opts || typeof opts.appId !== "string" || !opts.appId) return fail("FB.init needs appId");
      state.appId = opts.appId;
      state.version = opts.version || "v25.0";
    },
    login: function (cb, opts) {
      if (typeof cb !== "function") return fail("FB.login needs a callback");
      if (!state.appId) { fail("FB.login called before FB.init"); return cb({ authResponse: null, status: "unknown" }); }
      opts = opts || {};
      if (!opts.config_id || opts.response_type !== "code" || opts.override_default_response_type !== true) {
        fail("Embedded Signup needs config_id, response_type 'code' and override_default_response_type");
        return cb({ authResponse: null, status: "unknown" });
      }
      var q = "app_id=" + encodeURIComponent(state.appId) + "&config_id=" + encodeURIComponent(opts.config_id) + "&response_type=code&extras=" + encodeURIComponent(JSON.stringify(opts.extras || {}));
      var popup = window.open(base + ${JSON.stringify(SIGNUP_DIALOG_PATH)} + "?" + q, "fb_embedded_signup", "width=600,height=700");
      if (!popup) return cb({ authResponse: null, status: "unknown" });
      var done = false;
      function finish(response) {
        if (done) return;
        done = true;
        window.removeEventListener("message", onMessage);
        clearInterval(timer);
        cb(response);
      }
      function onMessage(e) {
        if (e.origin !== base || e.source !== popup) return;
        var d = e.data;
        if (!d || d.type !== "__fb_standin_auth") return;
        finish(d.code ? { authResponse: { code: d.code, userID: "", expiresIn: 0 }, status: "connected" } : { authResponse: null, status: "unknown" });
      }
      window.addEventListener("message", onMessage);
      var timer = setInterval(function () { if (popup.closed) setTimeout(function () { finish({ authResponse: null, status: "unknown" }); }, 200); }, 250);
    },
    getLoginStatus: function (cb) { if (typeof cb === "function") cb({ authResponse: null, status: "unknown" }); },
  };
  if (typeof window.fbAsyncInit === "function") window.fbAsyncInit();
})();
`;
}

/** The popup: posts the session message and the login's answer to its opener, then closes. */
export function signupDialogPage(next: PendingSignup, code: string | null, configId: string): string {
  const session =
    next.outcome === "finish"
      ? { type: "WA_EMBEDDED_SIGNUP", event: "FINISH", data: { phone_number_id: next.phoneNumberId, waba_id: next.wabaId }, version: "3" }
      : next.outcome === "cancel"
        ? { type: "WA_EMBEDDED_SIGNUP", event: "CANCEL", data: { current_step: "PHONE_NUMBER_SETUP" }, version: "3" }
        : { type: "WA_EMBEDDED_SIGNUP", event: "CANCEL", data: { error_message: next.message ?? "Your business account is restricted.", error_id: "524126", session_id: "f34b51dab5e0498", timestamp: String(Math.floor(Date.now() / 1000)) }, version: "3" };
  return `<!doctype html><html lang="pt-BR"><head><meta charset="utf-8"><title>Facebook (stand-in)</title></head>
<body><p>Embedded Signup (stand-in), config ${escapeHtml(configId)}</p>
<script>
  var opener = window.opener;
  if (opener) {
    opener.postMessage(${JSON.stringify(JSON.stringify(session))}, "*");
    opener.postMessage({ type: "__fb_standin_auth", code: ${JSON.stringify(code)} }, "*");
  }
  setTimeout(function () { window.close(); }, 50);
</script></body></html>`;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
