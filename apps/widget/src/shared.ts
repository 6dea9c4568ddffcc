/**
 * The only contract between loader.js and chat.js (types only: nothing here reaches a bundle).
 *
 * loader.js renders the bubble inside an open shadow root and, on the first click, injects
 * chat.js, which registers `window.__vendaflowChat`. The loader then calls `mount()` once per
 * widget element and drives the returned handle; the chat reports open/close changes it makes
 * itself (close button, Escape) through `onOpenChange`.
 */
export interface ChatConfig {
  /** The inbox public key (`data-inbox` of the snippet). */
  publicKey: string;
  /** API origin, derived from the loader's own `src`. */
  origin: string;
  /** Called whenever the panel opens or closes, whoever asked for it. */
  onOpenChange(open: boolean): void;
  /** A reply arrived while the panel was closed (the bubble shows it, and says it to screen readers). */
  onUnread(): void;
}

export interface ChatHandle {
  open(): void;
  close(): void;
}

export interface ChatApi {
  mount(root: ShadowRoot, config: ChatConfig): ChatHandle;
}

declare global {
  interface Window {
    __vendaflowChat?: ChatApi;
  }
}
