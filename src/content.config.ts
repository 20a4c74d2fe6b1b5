import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { docsSchema } from '@astrojs/starlight/schema';
import { lessonFields, lessonSchema } from './lib/lesson-schema';
import { lessonIdFromPath } from './lib/lesson-id';
import { deckSchema } from './lib/cards/schema';

/** Every lesson file: `content/modules/<nn-slug>/index.mdx`. Files starting with `_` are drafts. */
const lessonFiles = () =>
  glob({
    base: './content/modules',
    pattern: '*/[^_]*.mdx',
    generateId: ({ entry }) => lessonIdFromPath(entry),
  });

export const collections = {
  /**
   * The lessons with their course metadata, strictly validated: a missing or wrong field
   * fails the build naming the file and the field. Pages read metadata from here.
   */
  lessons: defineCollection({ loader: lessonFiles(), schema: lessonSchema }),
  /**
   * The same files as Starlight renders them. Starlight also validates the frontmatter of
   * non-lesson pages (home, 404) against this schema, so the course fields are optional here;
   * the `lessons` collection above is the one that enforces them.
   */
  docs: defineCollection({ loader: lessonFiles(), schema: docsSchema({ extend: lessonFields.partial() }) }),
  /**
   * Each lesson's card bank, `content/modules/<nn-slug>/cards.yaml`, id = the lesson slug.
   * A bad card fails the build naming the file, the card and the field.
   */
  cards: defineCollection({
    loader: glob({ base: './content/modules', pattern: '*/cards.yaml', generateId: ({ entry }) => lessonIdFromPath(entry).slice('lessons/'.length) }),
    schema: deckSchema,
  }),
};
