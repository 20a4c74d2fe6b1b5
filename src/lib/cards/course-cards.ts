/**
 * The course's cards for pages (Astro only: reads the `cards` and `lessons` collections), each
 * with its lesson's id, block and title, in course order.
 */
import { getCollection } from 'astro:content';
import type { CourseCard } from './schema';

/** Every card of the course, lessons in course order and cards in file order. */
export async function courseCards(): Promise<CourseCard[]> {
  const lessons = await getCollection('lessons');
  const decks = await getCollection('cards');
  const byId = new Map(lessons.map((l) => [l.id, l.data]));
  return decks
    .flatMap((deck) => {
      const lesson = byId.get(deck.data.lesson);
      if (!lesson) throw new Error(`content/modules/*/cards.yaml: "${deck.data.lesson}" is not a lesson id`);
      return deck.data.cards.map((card) => ({ ...card, lesson: deck.data.lesson, block: lesson.block, lessonTitle: lesson.title }));
    })
    .sort((a, b) => a.block - b.block);
}

export { sectionHref } from './links';
