/**
 * Lesson progress: which lessons a learner has visited and completed.
 * Pure functions over a plain state object; the browser wiring lives in `src/components/`.
 * Times are passed in (milliseconds since the epoch) so the logic stays replayable and testable.
 */

/** What we keep for one lesson. */
export interface LessonProgress {
  /** First visit, ms since epoch. */
  firstVisitedAt: number;
  /** Most recent visit, ms since epoch. */
  lastVisitedAt: number;
  /** When the learner marked it complete, or `null`. */
  completedAt: number | null;
}

/** All lesson progress, keyed by lesson id (`lessons/observability`). */
export interface ProgressState {
  lessons: Record<string, LessonProgress>;
}

/** An empty progress state. */
export const emptyProgress = (): ProgressState => ({ lessons: {} });

/** Records a visit to a lesson at time `now`. Returns a new state. */
export function recordVisit(state: ProgressState, lessonId: string, now: number): ProgressState {
  const previous = state.lessons[lessonId];
  const next: LessonProgress = previous
    ? { ...previous, lastVisitedAt: now }
    : { firstVisitedAt: now, lastVisitedAt: now, completedAt: null };
  return { lessons: { ...state.lessons, [lessonId]: next } };
}

/** Marks a lesson complete (or not) at time `now`. Completing also counts as a visit. */
export function setCompleted(
  state: ProgressState,
  lessonId: string,
  completed: boolean,
  now: number,
): ProgressState {
  const visited = recordVisit(state, lessonId, now);
  const lesson = visited.lessons[lessonId]!;
  return {
    lessons: { ...visited.lessons, [lessonId]: { ...lesson, completedAt: completed ? now : null } },
  };
}

/** The status of one lesson as the learner sees it. */
export type LessonStatus = 'not-started' | 'visited' | 'completed';

/** Status of a lesson in a progress state. */
export function lessonStatus(state: ProgressState, lessonId: string): LessonStatus {
  const lesson = state.lessons[lessonId];
  if (!lesson) return 'not-started';
  return lesson.completedAt === null ? 'visited' : 'completed';
}

/** Counts of visited and completed lessons among `lessonIds` (lessons not in the course are ignored). */
export function summarize(state: ProgressState, lessonIds: readonly string[]) {
  let visited = 0;
  let completed = 0;
  for (const id of lessonIds) {
    const status = lessonStatus(state, id);
    if (status !== 'not-started') visited += 1;
    if (status === 'completed') completed += 1;
  }
  return { total: lessonIds.length, visited, completed };
}

const isTime = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0;

/**
 * Checks that an unknown value (read from storage) is a progress state.
 * Returns the state, or a message saying what is wrong.
 */
export function parseProgress(value: unknown): { ok: true; value: ProgressState } | { ok: false; error: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, error: 'expected an object with a "lessons" field' };
  }
  const lessons = (value as { lessons?: unknown }).lessons;
  if (typeof lessons !== 'object' || lessons === null || Array.isArray(lessons)) {
    return { ok: false, error: '"lessons" must be an object keyed by lesson id' };
  }
  const result: ProgressState = { lessons: {} };
  for (const [id, entry] of Object.entries(lessons)) {
    // `__proto__` would set the object's prototype instead of storing a lesson.
    if (id === '__proto__') return { ok: false, error: '"__proto__" is not a lesson id' };
    const e = entry as Partial<LessonProgress> | null;
    if (
      typeof e !== 'object' || e === null ||
      !isTime(e.firstVisitedAt) || !isTime(e.lastVisitedAt) ||
      !(e.completedAt === null || isTime(e.completedAt))
    ) {
      return { ok: false, error: `lesson "${id}" has an invalid entry` };
    }
    result.lessons[id] = { firstVisitedAt: e.firstVisitedAt, lastVisitedAt: e.lastVisitedAt, completedAt: e.completedAt };
  }
  return { ok: true, value: result };
}
