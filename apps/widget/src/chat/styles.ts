/**
 * Panel CSS; lives inside the widget's shadow root (the bubble's CSS is in loader.ts). Everything a
 * finger taps is at least 40px high (and the × as wide), on a phone as on a desktop.
 */
export const CSS = `
.vf-panel{--p:var(--vf-primary,#2563eb);--op:var(--vf-on-primary,#fff);--ink:var(--vf-ink,var(--p));position:fixed;right:20px;bottom:calc(var(--vf-bottom,20px) + 68px);z-index:2147483001;width:360px;height:560px;max-height:calc(100vh - var(--vf-bottom,20px) - 88px);display:flex;flex-direction:column;overflow:hidden;background:#fff;color:#111827;border-radius:16px;box-shadow:0 12px 40px rgba(0,0,0,.25);font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;text-align:left}
.vf-panel[hidden],.vf-panel [hidden]{display:none!important}
.vf-panel *{box-sizing:border-box;font:inherit;color:inherit;margin:0}
.vf-panel button{cursor:pointer}
.vf-panel button:disabled{cursor:default;opacity:.55}
.vf-panel :focus-visible{outline:2px solid var(--ink);outline-offset:2px}
.vf-head{display:flex;align-items:center;gap:10px;padding:12px 14px;background:var(--p);color:var(--op)}
.vf-head img{width:36px;height:36px;border-radius:50%;object-fit:cover;background:#fff}
.vf-title{flex:1;min-width:0;display:flex;flex-direction:column}
.vf-title strong{font-weight:600;font-size:15px}
.vf-title span{font-size:12px}
.vf-title *{white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.vf-x{width:40px;height:40px;margin:-4px -6px -4px 0;border:0;border-radius:8px;background:transparent;font-size:22px;line-height:1}
.vf-x:hover{background:rgba(127,127,127,.25)}
.vf-banner{padding:4px 10px;background:#fef3c7;color:#92400e;font-size:12px;text-align:center}
.vf-list{flex:1;overflow-y:auto;padding:14px 12px;display:flex;flex-direction:column;gap:8px;background:#f9fafb;overscroll-behavior:contain}
.vf-note{margin:auto;padding:8px;color:#6b7280;text-align:center;font-size:13px}
.vf-msg{display:flex;flex-direction:column;max-width:82%;align-self:flex-start;align-items:flex-start}
.vf-text{padding:8px 12px;border-radius:14px;border-bottom-left-radius:4px;background:#fff;border:1px solid #e5e7eb;white-space:pre-wrap;overflow-wrap:anywhere}
.vf-text a{color:var(--ink);text-decoration:underline}
.vf-lead{align-self:flex-end;align-items:flex-end}
.vf-lead .vf-text{background:var(--p);color:var(--op);border:0;border-radius:14px;border-bottom-right-radius:4px}
.vf-lead .vf-text a{color:inherit}
.vf-system{align-self:center;max-width:90%;align-items:center}
.vf-system .vf-text{background:none;border:0;padding:2px 8px;font-size:12px;color:#6b7280;text-align:center}
.vf-sending{opacity:.65}
.vf-failed .vf-text{opacity:.7}
.vf-meta{margin-top:2px;font-size:11px;color:#6b7280}
.vf-failed .vf-meta{color:#b91c1c}
.vf-retry{min-height:40px;border:0;background:none;padding:0 4px;text-decoration:underline;color:#b91c1c;font-size:12px}
.vf-open{display:inline-flex;align-items:center;min-height:40px}
.vf-embed{display:block;width:100%;height:420px;margin-top:6px;border:1px solid #e5e7eb;border-radius:8px;background:#fff}
.vf-options{display:flex;flex-wrap:wrap;gap:6px;margin-top:6px}
.vf-option{min-height:40px;padding:6px 14px;border-radius:999px;border:1px solid var(--p);background:#fff;color:var(--ink)}
.vf-option:not(:disabled):hover{background:var(--p);color:var(--op)}
.vf-typing{padding:2px 16px 6px;background:#f9fafb;font-size:12px;color:#6b7280;display:flex;align-items:center;gap:4px}
.vf-dots{display:inline-flex;gap:3px}
.vf-dots i{width:5px;height:5px;border-radius:50%;background:#9ca3af;animation:vf-b 1.2s infinite ease-in-out}
.vf-dots i:nth-child(2){animation-delay:.2s}
.vf-dots i:nth-child(3){animation-delay:.4s}
@keyframes vf-b{0%,60%,100%{transform:none;opacity:.5}30%{transform:translateY(-4px);opacity:1}}
.vf-slot{flex-shrink:0;max-height:60%;overflow-y:auto}
.vf-consent{padding:12px 14px;border-top:1px solid #e5e7eb;display:flex;flex-direction:column;gap:10px;font-size:13px}
.vf-consent h2{font-weight:600;font-size:14px}
.vf-consent p{white-space:pre-wrap}
.vf-consent a,.vf-open{color:var(--ink);text-decoration:underline}
.vf-privacy{display:flex;align-items:center;min-height:40px}
.vf-check{display:flex;gap:10px;align-items:center;min-height:40px;cursor:pointer}
.vf-check input{flex:none;width:20px;height:20px;accent-color:var(--p)}
.vf-accept,.vf-send{min-height:40px;border:0;border-radius:10px;padding:9px 16px;background:var(--p);color:var(--op);font-weight:600}
.vf-error{padding:6px 12px;background:#fef2f2;color:#b91c1c;font-size:12px}
.vf-composer{display:flex;gap:8px;align-items:flex-end;padding:10px;border-top:1px solid #e5e7eb;background:#fff}
.vf-composer textarea{flex:1;resize:none;min-height:40px;max-height:120px;padding:9px 10px;border:1px solid #d1d5db;border-radius:10px;background:#fff;line-height:1.4}
.vf-composer textarea:focus{outline:none;border-color:var(--p)}
.vf-composer textarea:disabled{background:#f3f4f6}
.vf-sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
:host([data-side=left]) .vf-panel{right:auto;left:20px}
@media (max-width:480px){.vf-panel{inset:var(--vf-vv-top,0px) 0 auto!important;width:100%;height:var(--vf-vv-height,100%);max-height:none;border-radius:0}.vf-composer textarea{font-size:16px}}
:host([data-phone]) .vf-panel{inset:var(--vf-vv-top,0px) 0 auto!important;width:100%;height:var(--vf-vv-height,100%);max-height:none;border-radius:0}
:host([data-phone]) .vf-composer textarea{font-size:16px}
@media (prefers-reduced-motion:reduce){.vf-dots i{animation:none}}
`;
