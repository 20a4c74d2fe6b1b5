// @ts-check
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Builds the course sidebar from the lesson folders in `content/modules/`.
 * Folder `00-*` is the foundation, `01-*`..`06-*` are the focus blocks, the rest close the course.
 * Titles come from each lesson's frontmatter (Starlight looks them up by slug). A first group,
 * Practice, links the drills, the exercises and the game day from every page.
 * @param {string} modulesDir
 */
export function courseSidebar(modulesDir) {
  const folders = readdirSync(modulesDir)
    .filter((name) => /^\d+-/.test(name) && statSync(join(modulesDir, name)).isDirectory())
    .sort();
  /** @param {string} folder */
  const item = (folder) => ({ slug: `lessons/${folder.replace(/^\d+-/, '')}` });
  /** @param {string} folder */
  const order = (folder) => Number(folder.split('-')[0]);
  return [
    {
      label: 'Practice',
      items: [
        // The drills link gets a "N due" badge in the browser (src/scripts/due-badge.ts).
        { label: 'Drills', link: '/drills/', attrs: { 'data-rl-drills-link': '' } },
        { label: 'Exercises', link: '/exercises/' },
        { label: 'Game day', link: '/game-day/' },
      ],
    },
    { label: 'Start here', items: folders.filter((f) => order(f) === 0).map(item) },
    { label: 'Focus blocks', items: folders.filter((f) => order(f) >= 1 && order(f) <= 6).map(item) },
    { label: 'Put it together', items: folders.filter((f) => order(f) >= 7).map(item) },
  ];
}
