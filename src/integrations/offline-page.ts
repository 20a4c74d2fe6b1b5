/**
 * The page the service worker answers with when the learner opens a page it has not saved while
 * offline. Pure: takes the base path and the lessons (all of them are saved at install).
 */

export interface OfflineLink {
  title: string;
  /** Path relative to the base, e.g. `lessons/foundation/`. */
  path: string;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** A self-contained HTML page (inline CSS for light and dark) that says the learner is offline and links to what works. */
export function offlinePageHtml(base: string, lessons: readonly OfflineLink[]): string {
  const root = base.endsWith('/') ? base : `${base}/`;
  const link = (l: OfflineLink) => `<li><a href="${escapeHtml(root + l.path)}">${escapeHtml(l.title)}</a></li>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>You are offline | Reliability Lab</title>
<style>
:root { color-scheme: light dark; font-family: system-ui, sans-serif; line-height: 1.5; background: #fff; color: #1c1c1e; }
@media (prefers-color-scheme: dark) { :root { background: #17181c; color: #e8e8ea; } a { color: #9cc3ff; } }
main { max-width: 40rem; margin: 3rem auto; padding: 0 1.25rem; }
a { color: #1d4fb8; }
</style>
</head>
<body>
<main>
<h1>You are offline</h1>
<p>This page was not saved for offline use, and the network cannot be reached. These pages are saved on this device and work without a connection:</p>
<ul>
<li><a href="${escapeHtml(root)}">Course home</a></li>
${lessons.map(link).join('\n')}
<li><a href="${escapeHtml(root)}drills/">Drills</a></li>
</ul>
<p>Exercise pages work offline once you have opened them online. Your progress is kept in this browser either way.</p>
</main>
</body>
</html>
`;
}
