interface ImportMetaEnv {
  /** True in a graded-cohort build (`GRADED_COHORT=1`, read in `astro.config.mjs`): no reference solutions ship. */
  readonly GRADED_COHORT: boolean;
}
