/**
 * The components a lesson may use. Lessons import from here and nowhere else:
 * `import { Mermaid, CommonMistake } from '@mdx';`
 */
export { Aside, Badge, Card, CardGrid, Steps, Tabs, TabItem } from '@astrojs/starlight/components';
export { default as Mermaid } from '../components/Mermaid.astro';
export { default as CommonMistake } from '../components/CommonMistake.astro';
export { default as Consolidation } from '../components/Consolidation.astro';
export { default as ActivePractice } from '../components/ActivePractice.astro';
export { default as WorkbookComparison } from '../components/WorkbookComparison.astro';
