/**
 * Keeps a simulator's parameters in the page URL, so a link reproduces a run.
 * The server renders the defaults; the link's parameters are applied once mounted, so the
 * first client render matches the server's HTML (no hydration mismatch). Until then `ready`
 * is false; afterwards every change of `params` is written back with `replaceState`.
 */
import { useEffect, useState } from 'react';

/** How a simulator reads and writes its parameters in a query string. */
export interface LinkedParams<P> {
  read: (search: string) => { params: P; problems: string[] };
  write: (params: P, existingSearch: string) => string;
}

/** Applies the link's parameters once (through `apply`), then mirrors `params` into the URL. */
export function useLinkedParams<P>(params: P, link: LinkedParams<P>, apply: (params: P) => void) {
  const [problems, setProblems] = useState<string[]>([]);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    const fromLink = link.read(window.location.search);
    apply(fromLink.params);
    setProblems(fromLink.problems);
    setReady(true);
    // Runs once on mount: the link is read when the simulator appears.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    if (!ready) return;
    const search = link.write(params, window.location.search);
    if (search !== window.location.search) window.history.replaceState(null, '', `${window.location.pathname}${search}${window.location.hash}`);
  }, [params, ready, link]);

  return { problems, ready };
}
