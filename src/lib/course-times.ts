/**
 * Each lesson's time as learners see it (Astro only: reads the `lessons` and `cards`
 * collections). The figure is computed from the lesson's content by `estimateLessonTime`.
 */
import { getCollection } from 'astro:content';
import { courseCards } from './cards/course-cards';
import { estimateLessonTime, type LessonTime } from './lesson-time';

let cached: Promise<Map<string, LessonTime>> | undefined;

/** Lesson id -> its computed time (prose, code, activities and its end-of-lesson quiz). */
export function lessonTimes(): Promise<Map<string, LessonTime>> {
  cached ??= (async () => {
    const [lessons, cards] = await Promise.all([getCollection('lessons'), courseCards()]);
    const quizSize = new Map<string, number>();
    for (const c of cards) quizSize.set(c.lesson, (quizSize.get(c.lesson) ?? 0) + 1);
    return new Map(lessons.map((l) => [l.id, estimateLessonTime(l.body ?? '', quizSize.get(l.id) ?? 0)]));
  })();
  return cached;
}
