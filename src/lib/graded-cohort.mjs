// @ts-check
/**
 * The graded-cohort build (`GRADED_COHORT=1 npm run build`): the site for a course whose exercises
 * are graded, so no page or bundle carries a reference solution or a hint that quotes one (hidden
 * tests never reach any build). Pure. Plain JavaScript with JSDoc types because `astro.config.mjs`
 * reads the switch, once, with `gradedCohortFrom(process.env.GRADED_COHORT)` and hands it on:
 * pages and components see `import.meta.env.GRADED_COHORT` (a boolean), the hints' rehype plugin
 * (`rehype-graded-cohort.mjs`) gets it as an option.
 */

/**
 * The switch's value from the environment variable. Unset, empty, `0` and `false` are a self-paced
 * build; `1` and `true` a graded-cohort build. Anything else throws: a typo (`GRADED_COHORT=ture`)
 * must stop the build rather than quietly publish the solutions to a graded course.
 * @param {string | undefined} value
 * @returns {boolean}
 */
export function gradedCohortFrom(value) {
  const text = (value ?? '').trim().toLowerCase();
  if (text === '' || text === '0' || text === 'false') return false;
  if (text === '1' || text === 'true') return true;
  const raw = String(value);
  const shown = JSON.stringify(raw.length > 40 ? `${raw.slice(0, 40)}…` : raw);
  throw new Error(`GRADED_COHORT must be 1 (a graded-cohort build: no reference solutions) or 0 (a self-paced build); got ${shown}.`);
}
