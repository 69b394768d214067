// A tiny History-API router: the backoffice has a handful of flat pages, which does not justify
// a routing dependency (react-router) yet.
import { useSyncExternalStore } from 'react';
import type { MouseEvent } from 'react';

const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

function currentPath(): string {
  return window.location.pathname;
}

function navigate(to: string): void {
  if (to === currentPath()) return;
  window.history.pushState(null, '', to);
  window.scrollTo(0, 0);
  for (const listener of listeners) listener();
}

/** The current path; re-renders on navigate() and on back/forward. */
export function usePath(): string {
  return useSyncExternalStore(subscribe, currentPath);
}

/** Props for an `<a>` that navigates in-app but still works with new-tab clicks. */
export function linkProps(to: string, onNavigate?: () => void) {
  return {
    href: to,
    onClick: (event: MouseEvent<HTMLElement>) => {
      if (event.defaultPrevented || event.button !== 0) return;
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      navigate(to);
      onNavigate?.();
    },
  };
}
