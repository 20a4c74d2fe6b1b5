import { describe, expect, it } from 'vitest';
import { emptyProgress, lessonStatus, parseProgress, recordVisit, setCompleted, summarize } from './progress';

const day = 86_400_000;

describe('lesson progress', () => {
  it('records the first and the latest visit', () => {
    let state = recordVisit(emptyProgress(), 'lessons/observability', 1 * day);
    state = recordVisit(state, 'lessons/observability', 3 * day);
    expect(state.lessons['lessons/observability']).toEqual({ firstVisitedAt: day, lastVisitedAt: 3 * day, completedAt: null });
    expect(lessonStatus(state, 'lessons/observability')).toBe('visited');
  });

  it('marks complete and undoes it, keeping the visit', () => {
    const done = setCompleted(emptyProgress(), 'lessons/foundation', true, 5 * day);
    expect(lessonStatus(done, 'lessons/foundation')).toBe('completed');
    const undone = setCompleted(done, 'lessons/foundation', false, 6 * day);
    expect(lessonStatus(undone, 'lessons/foundation')).toBe('visited');
    expect(undone.lessons['lessons/foundation']?.firstVisitedAt).toBe(5 * day);
  });

  it('does not mutate the state it is given', () => {
    const before = emptyProgress();
    recordVisit(before, 'lessons/foundation', day);
    expect(before).toEqual({ lessons: {} });
  });

  it('summarizes only the lessons of the course', () => {
    let state = recordVisit(emptyProgress(), 'lessons/a', day);
    state = setCompleted(state, 'lessons/b', true, day);
    state = recordVisit(state, 'lessons/removed-lesson', day);
    expect(summarize(state, ['lessons/a', 'lessons/b', 'lessons/c'])).toEqual({ total: 3, visited: 2, completed: 1 });
  });

  it('accepts a valid stored state and rejects damaged ones with a reason', () => {
    const good = setCompleted(emptyProgress(), 'lessons/a', true, day);
    expect(parseProgress(JSON.parse(JSON.stringify(good)))).toEqual({ ok: true, value: good });
    expect(parseProgress(null)).toMatchObject({ ok: false });
    expect(parseProgress({ lessons: [] })).toMatchObject({ ok: false, error: expect.stringContaining('lessons') });
    expect(parseProgress({ lessons: { 'lessons/a': { firstVisitedAt: 'yesterday' } } })).toMatchObject({
      ok: false,
      error: expect.stringContaining('lessons/a'),
    });
  });
});
