/** Links from a card back to the lesson section it tests. Pure: used by pages and islands alike. */
import type { CourseCard } from './schema';
import { withBase } from '../base-path.mjs';

/** The URL of a card's lesson section under the site's base path: `/course/lessons/observability/#the-four-golden-signals`. */
export function sectionHref(base: string, card: Pick<CourseCard, 'lesson' | 'section'>): string {
  return withBase(`/${card.lesson}/#${card.section}`, base);
}
