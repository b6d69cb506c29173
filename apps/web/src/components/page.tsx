import type { ComponentChildren } from "preact";
import { useEffect, useRef } from "preact/hooks";

// The first page after a document load leaves the focus where the browser puts it (so Tab reaches the
// skip link first); every page opened after that inside the app moves it to its heading.
let documentJustLoaded = true;

/**
 * A page: its title in the tab and as the one h1, which takes the focus when the page opens from a link
 * so a screen reader announces where it led (a single-page app has no page load to do it).
 */
export function Page({
  title,
  actions,
  children,
}: {
  title: string;
  actions?: ComponentChildren;
  children: ComponentChildren;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Cadence`;
  }, [title]);
  useEffect(() => {
    if (documentJustLoaded) documentJustLoaded = false;
    else heading.current?.focus({ preventScroll: true });
  }, []);
  return (
    <>
      <div class="page-head">
        <h1 tabIndex={-1} ref={heading}>
          {title}
        </h1>
        {actions && <div class="actions">{actions}</div>}
      </div>
      {children}
    </>
  );
}

/** A wide table that scrolls sideways on a narrow screen, reachable and named for the keyboard. */
export function TableScroll({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable to scroll by keyboard.
    <section class="table-scroll" aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p class="muted" role="status">
      Loading {what}…
    </p>
  );
}
