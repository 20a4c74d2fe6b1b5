/**
 * Fills every `[data-exercise-status="<id>"]` element with the learner's standing on that
 * exercise (from the `exercises` and `exercise-drafts` areas). Tiny: no Monaco, no React.
 */
import { browserStore, load } from './browser-store';
import { describeStanding, draftsArea, exercisesArea, peekArea, standingOf } from '../components/exercise/areas';

let first = true;

function paint() {
  const elements = document.querySelectorAll<HTMLElement>('[data-exercise-status]');
  if (elements.length === 0) return;
  // The first read reports damaged data (and backs it up); repaints and the workbench only peek.
  const statuses = first ? load(exercisesArea) : peekArea(browserStore(), exercisesArea, {});
  const drafts = peekArea(browserStore(), draftsArea, {});
  first = false;
  for (const el of elements) {
    const id = el.dataset.exerciseStatus!;
    el.textContent = describeStanding(statuses[id], id in drafts);
    el.dataset.standing = standingOf(statuses[id], id in drafts);
  }
}

paint();
// Another tab (or the workbench on this page) may change the areas.
window.addEventListener('storage', (event) => {
  if (event.key === null || event.key.startsWith('rlab:exercise')) paint();
});
document.addEventListener('rlab:exercise-status', paint);
