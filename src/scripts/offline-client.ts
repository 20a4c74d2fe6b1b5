/**
 * Registers the service worker (production builds only, after load, never fatal) and keeps the
 * header's offline status in step: saving progress, available offline, offline, and the
 * "Update ready — Reload" button that activates a waiting version and reloads once.
 */
import { describeStatus, type OfflineState } from './offline-status';

/** Starts the offline status in `root` (the `OfflineStatus` component). */
export function startOfflineStatus(root: HTMLElement): void {
  const text = root.querySelector<HTMLElement>('[data-text]');
  const detail = root.querySelector<HTMLElement>('[data-detail]');
  const button = root.querySelector<HTMLButtonElement>('button');
  if (!text || !detail || !button) return;
  let state: OfflineState = { kind: 'unknown' };
  let registration: ServiceWorkerRegistration | undefined;
  let reloadAsked = false;

  const render = () => {
    const view = describeStatus(state, navigator.onLine);
    root.dataset.state = view.state;
    text.textContent = view.text;
    detail.textContent = view.detail;
    button.hidden = !view.reload;
    // Announce changes from now on, not the state found on load (every page would say it).
    if (view.state !== 'none') queueMicrotask(() => text.setAttribute('aria-live', 'polite'));
  };
  const set = (next: OfflineState) => {
    state = next;
    render();
  };
  addEventListener('online', render);
  addEventListener('offline', render);
  render();

  if (!('serviceWorker' in navigator)) return set({ kind: 'unavailable' });
  const container = navigator.serviceWorker;
  const hadController = container.controller !== null;

  const watch = (worker: ServiceWorker | null) => {
    worker?.addEventListener('statechange', () => {
      if (worker.state === 'installed' && registration?.active) set({ kind: 'update' });
      else if (worker.state === 'activated' && state.kind !== 'update') set({ kind: 'ready' });
      else if (worker.state === 'redundant' && state.kind === 'saving') set(registration?.active ? { kind: 'ready' } : { kind: 'failed' });
    });
  };
  container.addEventListener('message', (event: MessageEvent) => {
    const data = event.data as { source?: string; type?: string; done?: number; total?: number } | null;
    if (data?.source !== 'rlab-offline' || data.type !== 'progress' || registration?.active) return;
    set({ kind: 'saving', done: data.done ?? 0, total: data.total ?? 1 });
  });
  container.addEventListener('controllerchange', () => {
    if (reloadAsked) {
      reloadAsked = false;
      location.reload();
    } else if (hadController) set({ kind: 'update' }); // another tab activated a new version
  });
  button.addEventListener('click', () => {
    const waiting = registration?.waiting;
    if (!waiting) return location.reload();
    reloadAsked = true;
    waiting.postMessage({ type: 'skip-waiting' });
  });

  const register = async () => {
    const base = import.meta.env.BASE_URL.endsWith('/') ? import.meta.env.BASE_URL : `${import.meta.env.BASE_URL}/`;
    try {
      // Some environments stub `register` (Playwright's `serviceWorkers: 'block'` resolves with nothing).
      registration = (await container.register(`${base}sw.js`, { scope: base })) ?? undefined;
    } catch {
      registration = undefined;
    }
    if (!registration) return set({ kind: 'unavailable' });
    if (registration.waiting && registration.active) set({ kind: 'update' });
    else if (registration.active) set({ kind: 'ready' });
    else set({ kind: 'saving', done: 0, total: 1 });
    watch(registration.installing ?? registration.waiting);
    registration.addEventListener('updatefound', () => watch(registration?.installing ?? null));
    // Look for a new deployment now and whenever the network comes back (offline, this fails quietly).
    const checkForUpdate = () => void registration?.update().catch(() => undefined);
    if (registration.active) checkForUpdate();
    addEventListener('online', checkForUpdate);
  };
  if (document.readyState === 'complete') void register();
  else addEventListener('load', () => void register(), { once: true });
}
