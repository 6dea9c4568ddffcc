"use client";

import * as React from "react";
import { Menu, X } from "lucide-react";

import { cn } from "./cn";

export interface AppShellNavItem {
  href: string;
  label: string;
  /** Icon element, e.g. `<Users />` (an element, not a component, so it can cross the server/client boundary). */
  icon?: React.ReactNode;
  /** Marks the current page (aria-current="page"). */
  active?: boolean;
}

export interface AppShellBrand {
  /** Tenant / product name. */
  name: string;
  /** Logo image URL (rendered as a plain `<img>`). */
  logoUrl?: string | null;
  /** Custom logo element; takes precedence over `logoUrl`. */
  logo?: React.ReactNode;
  /** Link target of the brand area. Default "/". */
  href?: string;
}

export interface AppShellProps extends Omit<React.ComponentProps<"div">, "children"> {
  brand: AppShellBrand;
  navItems: AppShellNavItem[];
  /** Right side of the top bar (user menu, tenant switcher…). */
  header?: React.ReactNode;
  /** Bottom of the sidebar (plan info, help link…). */
  sidebarFooter?: React.ReactNode;
  children?: React.ReactNode;
  /** Class for the `<main>` element. */
  mainClassName?: string;
  /** id of the `<main>` element (skip-link target). Default "conteudo-principal". */
  mainId?: string;
  /** Accessible name of the sidebar `<nav>`. Default "Navegação principal". */
  navLabel?: string;
  /** Label of the mobile menu button. Default "Menu". */
  menuLabel?: string;
  /** Label of the mobile close button. Default "Fechar menu". */
  closeMenuLabel?: string;
  /** Text of the skip link. Default "Pular para o conteúdo". */
  skipLinkLabel?: string;
}

/** Viewport width (Tailwind `lg`) from which the sidebar is always visible. */
const DESKTOP_QUERY = "(min-width: 64rem)";

/**
 * Responsive dashboard layout: fixed sidebar on large screens; on small screens a
 * top bar with a menu button that opens the sidebar as an off-canvas drawer.
 */
export function AppShell({
  brand,
  navItems,
  header,
  sidebarFooter,
  children,
  className,
  mainClassName,
  mainId = "conteudo-principal",
  navLabel = "Navegação principal",
  menuLabel = "Menu",
  closeMenuLabel = "Fechar menu",
  skipLinkLabel = "Pular para o conteúdo",
  ...props
}: AppShellProps) {
  const [open, setOpen] = React.useState(false);
  const sidebarId = React.useId();
  const menuButtonRef = React.useRef<HTMLButtonElement>(null);
  const closeButtonRef = React.useRef<HTMLButtonElement>(null);

  const closeMenu = React.useCallback((restoreFocus: boolean) => {
    setOpen(false);
    if (restoreFocus) menuButtonRef.current?.focus();
  }, []);

  // While the drawer is open: focus it, close on Escape, lock page scroll,
  // and close automatically if the viewport grows to desktop size.
  React.useEffect(() => {
    if (!open) return;
    closeButtonRef.current?.focus();

    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === "Escape") closeMenu(true);
    };
    const desktop = window.matchMedia(DESKTOP_QUERY);
    const onViewportChange = () => {
      if (desktop.matches) setOpen(false);
    };
    const root = document.documentElement;
    const previousOverflow = root.style.overflow;
    root.style.overflow = "hidden";

    document.addEventListener("keydown", onKeyDown);
    desktop.addEventListener("change", onViewportChange);
    return () => {
      document.removeEventListener("keydown", onKeyDown);
      desktop.removeEventListener("change", onViewportChange);
      root.style.overflow = previousOverflow;
    };
  }, [open, closeMenu]);

  return (
    <div data-slot="app-shell" className={cn("min-h-dvh bg-background lg:flex", className)} {...props}>
      <a
        href={`#${mainId}`}
        className="sr-only z-[60] rounded-md bg-background px-4 py-2 text-sm font-medium shadow focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:ring-[3px] focus:ring-ring/50"
      >
        {skipLinkLabel}
      </a>

      {open ? (
        <div
          aria-hidden="true"
          data-slot="app-shell-overlay"
          className="fixed inset-0 z-40 bg-[rgb(0_0_0/0.4)] lg:hidden"
          onClick={() => closeMenu(false)}
        />
      ) : null}

      <aside
        id={sidebarId}
        data-slot="app-shell-sidebar"
        data-state={open ? "open" : "closed"}
        className={cn(
          "fixed inset-y-0 left-0 z-50 flex w-72 max-w-[85vw] flex-col border-r border-sidebar-border bg-sidebar text-sidebar-foreground",
          "transition-[transform,visibility] duration-200 ease-out motion-reduce:transition-none",
          "lg:sticky lg:top-0 lg:z-auto lg:h-dvh lg:w-64 lg:max-w-none lg:shrink-0 lg:visible lg:translate-x-0",
          open ? "visible translate-x-0 shadow-xl" : "invisible -translate-x-full",
        )}
      >
        <div className="flex h-14 shrink-0 items-center gap-2 border-b border-sidebar-border px-4">
          <Brand brand={brand} />
          <button
            ref={closeButtonRef}
            type="button"
            onClick={() => closeMenu(true)}
            aria-label={closeMenuLabel}
            title={closeMenuLabel}
            className={cn(iconButtonClassName, "ml-auto lg:hidden")}
          >
            <X aria-hidden="true" className="size-5" />
          </button>
        </div>

        <nav aria-label={navLabel} className="flex-1 overflow-y-auto p-3">
          <ul className="flex flex-col gap-1">
            {navItems.map((item) => (
              <li key={item.href}>
                <a
                  href={item.href}
                  aria-current={item.active ? "page" : undefined}
                  onClick={() => closeMenu(false)}
                  className={cn(
                    "flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium transition-colors outline-none",
                    "focus-visible:ring-[3px] focus-visible:ring-ring/50",
                    "[&_svg]:pointer-events-none [&_svg]:shrink-0 [&_svg:not([class*='size-'])]:size-4",
                    item.active
                      ? "bg-primary/10 text-brand-ink"
                      : "text-sidebar-foreground/80 hover:bg-accent hover:text-accent-foreground",
                  )}
                >
                  {item.icon ? (
                    <span aria-hidden="true" className="flex size-4 items-center justify-center">
                      {item.icon}
                    </span>
                  ) : null}
                  <span className="truncate">{item.label}</span>
                </a>
              </li>
            ))}
          </ul>
        </nav>

        {sidebarFooter ? (
          <div data-slot="app-shell-sidebar-footer" className="shrink-0 border-t border-sidebar-border p-3">
            {sidebarFooter}
          </div>
        ) : null}
      </aside>

      <div data-slot="app-shell-body" className="flex min-w-0 flex-1 flex-col" inert={open || undefined}>
        <header
          data-slot="app-shell-header"
          className="sticky top-0 z-30 flex h-14 shrink-0 items-center gap-2 border-b bg-background/95 px-4 backdrop-blur supports-[backdrop-filter]:bg-background/80 lg:px-6"
        >
          <button
            ref={menuButtonRef}
            type="button"
            onClick={() => setOpen(true)}
            aria-label={menuLabel}
            title={menuLabel}
            aria-expanded={open}
            aria-controls={sidebarId}
            className={cn(iconButtonClassName, "-ml-2 lg:hidden")}
          >
            <Menu aria-hidden="true" className="size-5" />
          </button>
          <div className="min-w-0 lg:hidden">
            <Brand brand={brand} />
          </div>
          <div className="ml-auto flex items-center gap-2">{header}</div>
        </header>

        <main id={mainId} tabIndex={-1} className={cn("flex-1 p-4 outline-none sm:p-6 lg:p-8", mainClassName)}>
          {children}
        </main>
      </div>
    </div>
  );
}

const iconButtonClassName =
  "inline-flex size-9 shrink-0 cursor-pointer items-center justify-center rounded-md text-muted-foreground transition-colors outline-none hover:bg-accent hover:text-accent-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50";

function Brand({ brand }: { brand: AppShellBrand }) {
  let logo: React.ReactNode;
  if (brand.logo) {
    logo = brand.logo;
  } else if (brand.logoUrl) {
    logo = <img src={brand.logoUrl} alt="" className="size-8 shrink-0 rounded-md object-contain" />;
  } else {
    logo = (
      <span
        aria-hidden="true"
        className="flex size-8 shrink-0 items-center justify-center rounded-md bg-primary text-sm font-semibold text-primary-foreground"
      >
        {brand.name.trim().charAt(0).toUpperCase()}
      </span>
    );
  }

  return (
    <a
      href={brand.href ?? "/"}
      data-slot="app-shell-brand"
      className="flex min-w-0 items-center gap-2 rounded-md font-semibold outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50"
    >
      {logo}
      <span className="truncate">{brand.name}</span>
    </a>
  );
}
