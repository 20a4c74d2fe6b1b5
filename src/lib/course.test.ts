import { describe, expect, it } from 'vitest';
import { courseOutline, formatMinutes } from './course';
import { lessonIdFromPath } from './lesson-id';

describe('course outline', () => {
  const lesson = (id: string, block: number, minutes: number) => ({ id, title: id, block, kind: 'focus', minutes });

  it('orders lessons by block and groups them with their total time', () => {
    const outline = courseOutline([lesson('c', 7, 45), lesson('b', 1, 30), lesson('a', 0, 15), lesson('d', 6, 30)]);
    expect(outline.groups.map((g) => [g.label, g.lessons.map((l) => l.id), g.minutes])).toEqual([
      ['Start here', ['a'], 15],
      ['Focus blocks', ['b', 'd'], 60],
      ['Put it together', ['c'], 45],
    ]);
    expect(outline.minutes).toBe(120);
  });

  it('formats minutes for people', () => {
    expect(formatMinutes(45)).toBe('45 min');
    expect(formatMinutes(120)).toBe('2 h');
    expect(formatMinutes(305)).toBe('5 h 5 min');
  });

  it('derives lesson ids from folders', () => {
    expect(lessonIdFromPath('03-incident-response/index.mdx')).toBe('lessons/incident-response');
  });
});
