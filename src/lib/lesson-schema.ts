import { z } from 'astro/zod';

/** The kinds of lesson the course has; `focus` lessons follow the six-step learning protocol. */
export const lessonKinds = ['foundation', 'focus', 'integration', 'practice', 'wrap-up'] as const;

/** Lesson ids look like `lessons/<slug>`; prerequisites refer to other lessons by that id. */
const lessonRef = z
  .string()
  .regex(/^lessons\/[a-z0-9-]+$/, 'expected a lesson id such as "lessons/observability"');

/**
 * Course metadata every lesson's frontmatter must carry, on top of Starlight's own
 * `title` and `description`. Validated at build time: a bad field fails the build
 * with the file and the field named.
 */
export const lessonFields = z.object({
  /** Position in the course: 0 for the foundation, 1-6 for the focus blocks, 7+ for what follows. */
  block: z.number().int().min(0).max(20),
  /** What sort of lesson this is; decides which sections it must have. */
  kind: z.enum(lessonKinds),
  /**
   * Not allowed: a lesson's minutes are computed from its content (`src/lib/lesson-time.ts`),
   * so the label cannot drift from what the learner reads.
   */
  minutes: z
    .never({ message: 'remove "minutes": a lesson\'s time is computed from its content (see content/modules/AUTHORING.md)' })
    .optional(),
  /** What the learner can do afterwards; at least one, each a full sentence. */
  objectives: z.array(z.string().min(10)).min(1),
  /** Lessons to read first, by id. */
  prerequisites: z.array(lessonRef).default([]),
});

/** Lesson metadata as an author writes it. */
export type LessonFieldsInput = z.input<typeof lessonFields>;
/** Lesson metadata after validation and defaults. */
export type LessonFields = z.output<typeof lessonFields>;

/** The full frontmatter of a lesson: a title and description for the page, plus the course fields. */
export const lessonSchema = lessonFields.extend({
  /** Page title, shown in the sidebar and on the home page. */
  title: z.string().min(3),
  /** One or two sentences on what the lesson covers; used by search and the home page. */
  description: z.string().min(20),
});

/** A lesson's validated frontmatter. */
export type LessonMeta = z.output<typeof lessonSchema>;
