// @ts-check
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import react from '@astrojs/react';
import { courseSidebar } from './src/lib/sidebar.mjs';
import rehypeAccessibleMarkdown from './src/lib/rehype-accessible-markdown.mjs';
import offline from './src/integrations/offline';
import rehypeBaseLinks from './src/lib/rehype-base-links.mjs';
import { withBase } from './src/lib/base-path.mjs';
import rehypeGradedCohort from './src/lib/rehype-graded-cohort.mjs';
import { gradedCohortFrom } from './src/lib/graded-cohort.mjs';

/** Optional base path for hosting under a sub-folder, e.g. `BASE_PATH=/course/ npm run build`. */
const base = process.env.BASE_PATH ?? '/';
/**
 * The public origin the site is served from, e.g. `SITE_URL=https://example.org`: canonical links,
 * `og:url` and the sitemap. Without it there are none, rather than links to a localhost.
 */
const site = process.env.SITE_URL || undefined;
/**
 * `GRADED_COHORT=1 npm run build`: a build for a graded course, whose pages and bundles carry no
 * reference solution, no hint and no lesson code block that quotes one (README: Grading
 * submissions). Pages read it as `import.meta.env.GRADED_COHORT`, Markdown goes through
 * `rehypeGradedCohort`; a value other than 1/0/true/false stops the build.
 */
const gradedCohort = (() => {
  try {
    return gradedCohortFrom(process.env.GRADED_COHORT);
  } catch (error) {
    // A plain message, not a stack trace through Vite's config loader.
    console.error(`astro.config.mjs: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
})();

export default defineConfig({
  site,
  base,
  // Overridable so that two builds (say, the base-path check and the main one) can run side by side.
  outDir: process.env.ASTRO_OUT_DIR ?? './dist',
  cacheDir: process.env.ASTRO_CACHE_DIR ?? './node_modules/.astro',
  trailingSlash: 'ignore',
  // Lesson links are written root-relative (`/lessons/x/`); rehypeBaseLinks adds the base.
  markdown: { rehypePlugins: [rehypeAccessibleMarkdown, [rehypeBaseLinks, { base }], [rehypeGradedCohort, { gradedCohort, exercisesDir: fileURLToPath(new URL('./exercises/', import.meta.url)), base }]] },
  vite: { define: { 'import.meta.env.GRADED_COHORT': JSON.stringify(gradedCohort) } },
  integrations: [
    starlight({
      title: 'Reliability Lab',
      description:
        'An interactive course on operational excellence for distributed systems: observability, runbooks, incident response, post-mortems, continuous improvement and SRE practices.',
      logo: { src: './src/assets/logo.svg', alt: '' }, // decorative: the site title is beside it (axe image-redundant-alt)
      favicon: '/favicon.svg',
      head: [{ tag: 'link', attrs: { rel: 'icon', href: withBase('/favicon.ico', base), sizes: '32x32' } }],
      sidebar: courseSidebar('./content/modules'),
      customCss: ['./src/styles/course.css', './src/styles/cards.css', './src/styles/incident.css'],
      components: {
        Footer: './src/components/overrides/Footer.astro',
        PageTitle: './src/components/overrides/PageTitle.astro',
        Search: './src/components/overrides/Search.astro',
      },
      tableOfContents: { minHeadingLevel: 2, maxHeadingLevel: 3 },
      pagination: true,
      lastUpdated: false,
    }),
    // Starlight registers MDX itself; React is for the simulation islands.
    react(),
    // After Starlight, whose Pagefind index it may save: writes sw.js and offline.html.
    offline(),
  ],
});
