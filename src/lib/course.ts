/**
 * The course outline derived from the lesson collection: order, grouping and time.
 * Pure: takes the entries' metadata, not Astro APIs, so it is testable in vitest.
 */

/** The metadata of a lesson the outline needs. */
export interface OutlineLesson {
  id: string;
  title: string;
  description?: string | undefined;
  block: number;
  kind: string;
  minutes: number;
}

/** A group of lessons on the home page and in the sidebar. */
export interface OutlineGroup {
  label: string;
  lessons: OutlineLesson[];
  minutes: number;
}

/** Orders lessons by block and groups them: foundation, focus blocks, then the closing lessons. */
export function courseOutline(lessons: readonly OutlineLesson[]): { groups: OutlineGroup[]; minutes: number } {
  const sorted = [...lessons].sort((a, b) => a.block - b.block || a.id.localeCompare(b.id));
  const group = (label: string, pick: (l: OutlineLesson) => boolean): OutlineGroup => {
    const picked = sorted.filter(pick);
    return { label, lessons: picked, minutes: picked.reduce((sum, l) => sum + l.minutes, 0) };
  };
  const groups = [
    group('Start here', (l) => l.block === 0),
    group('Focus blocks', (l) => l.block >= 1 && l.block <= 6),
    group('Put it together', (l) => l.block >= 7),
  ].filter((g) => g.lessons.length > 0);
  return { groups, minutes: sorted.reduce((sum, l) => sum + l.minutes, 0) };
}

/** "95 min" or "3 h 5 min". */
export function formatMinutes(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}
