/**
 * Turns a lesson file path relative to `content/modules/` into its collection id and URL slug.
 * `03-incident-response/index.mdx` -> `lessons/incident-response`.
 */
export function lessonIdFromPath(entry: string): string {
  const folder = entry.split('/')[0] ?? entry;
  const slug = folder.replace(/^\d+-/, '').replace(/\.mdx$/, '');
  return `lessons/${slug}`;
}

/** The order prefix of a lesson folder (`03-incident-response` -> 3), or `undefined` when it has none. */
export function lessonOrderFromFolder(folder: string): number | undefined {
  const match = /^(\d+)-/.exec(folder);
  return match ? Number(match[1]) : undefined;
}
