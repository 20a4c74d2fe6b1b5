// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import react from '@astrojs/react';
import { courseSidebar } from './src/lib/sidebar.mjs';
import rehypeAccessibleMarkdown from './src/lib/rehype-accessible-markdown.mjs';

/** Optional base path for hosting under a sub-folder, e.g. `BASE_PATH=/course/ npm run build`. */
const base = process.env.BASE_PATH ?? '/';

export default defineConfig({
  site: 'http://localhost:4321',
  base,
  // Overridable so that two builds (say, the base-path check and the main one) can run side by side.
  outDir: process.env.ASTRO_OUT_DIR ?? './dist',
  cacheDir: process.env.ASTRO_CACHE_DIR ?? './node_modules/.astro',
  trailingSlash: 'ignore',
  markdown: { rehypePlugins: [rehypeAccessibleMarkdown] },
  integrations: [
    starlight({
      title: 'Reliability Lab',
      description:
        'An interactive course on operational excellence for distributed systems: observability, runbooks, incident response, post-mortems, continuous improvement and SRE practices.',
      logo: { src: './src/assets/logo.svg', alt: 'Reliability Lab' },
      favicon: '/favicon.svg',
      head: [{ tag: 'link', attrs: { rel: 'icon', href: `${base.replace(/\/$/, '')}/favicon.ico`, sizes: '32x32' } }],
      sidebar: courseSidebar('./content/modules'),
      customCss: ['./src/styles/course.css', './src/styles/cards.css', './src/styles/incident.css'],
      components: {
        Footer: './src/components/overrides/Footer.astro',
        PageTitle: './src/components/overrides/PageTitle.astro',
      },
      tableOfContents: { minHeadingLevel: 2, maxHeadingLevel: 3 },
      pagination: true,
      lastUpdated: false,
    }),
    // Starlight registers MDX itself; React is for the simulation islands.
    react(),
  ],
});
