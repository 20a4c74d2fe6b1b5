import { describe, expect, it } from 'vitest';
import { memoryStore, readArea, writeArea } from '../../src/lib/storage';
import { createPublisher, follow, hello, initialFollower, judge, liveGameArea, parseSyncMessage, publish, type Follower, type LiveGame, type SyncMessage } from './sync';

const game = (minute: number): LiveGame => ({
  scenario: { kind: 'built-in', id: 'database-outage' },
  seed: 7,
  team: 'Blue',
  actions: minute >= 3 ? [{ at: 3, kind: 'acknowledge', by: 'Ana' }] : [],
  minute,
  running: true,
  speed: '10s',
  stress: 'off',
  ended: false,
});

/** Runs messages through a team view in arrival order and returns what it shows and each verdict. */
function deliver(messages: SyncMessage[], start: Follower = initialFollower) {
  let follower = start;
  const verdicts: string[] = [];
  for (const m of messages) {
    const step = follow(follower, m);
    follower = step.follower;
    verdicts.push(step.verdict);
  }
  return { follower, verdicts };
}

describe('game-day sync protocol', () => {
  const session = { id: 'console-a', startedAt: 1000 };

  it('numbers each state message one higher than the last, from 1', () => {
    let publisher = createPublisher(session);
    const seqs: number[] = [];
    for (const minute of [0, 1, 2]) {
      const step = publish(publisher, game(minute));
      publisher = step.publisher;
      seqs.push(step.message.seq);
    }
    expect(seqs).toEqual([1, 2, 3]);
  });

  it('ignores repeated and late (out-of-order) messages, so the view never goes back in time', () => {
    const p0 = createPublisher(session);
    const m1 = publish(p0, game(1));
    const m2 = publish(m1.publisher, game(2));
    const m3 = publish(m2.publisher, game(3));
    // Arrival order 1, 3, 2, 3: the late 2 and the repeated 3 are stale; the view stays at minute 3.
    const { follower, verdicts } = deliver([m1.message, m3.message, m2.message, m3.message]);
    expect(verdicts).toEqual(['accepted', 'accepted', 'stale', 'stale']);
    expect(follower.game?.minute).toBe(3);
    expect(follower.position?.seq).toBe(3);
  });

  it('follows a reloaded console (newer session) even though its numbers restart at 1', () => {
    const old = publish(createPublisher(session), game(40));
    const reloaded = publish(createPublisher({ id: 'console-b', startedAt: 5000 }), game(0));
    const { follower, verdicts } = deliver([old.message, reloaded.message]);
    expect(verdicts).toEqual(['accepted', 'accepted']);
    expect(follower.game?.minute).toBe(0);
  });

  it('ignores an older console left open in another tab', () => {
    const newer = publish(createPublisher({ id: 'console-b', startedAt: 5000 }), game(2));
    const older = publish(createPublisher(session), game(50));
    expect(judge({ session: newer.message.session, seq: 1 }, older.message)).toBe('older-session');
    const { follower } = deliver([newer.message, older.message]);
    expect(follower.game?.minute).toBe(2);
  });

  it('a late joiner catches up with one message: the whole game, not a diff', () => {
    // The console has published 12 messages before the team view opens; the view sees only the
    // reply to its hello (number 13) and shows the full log at minute 12.
    let publisher = createPublisher(session);
    for (let minute = 0; minute < 12; minute++) publisher = publish(publisher, game(minute)).publisher;
    const reply = publish(publisher, game(12));
    const { follower, verdicts } = deliver([hello('team-1'), reply.message]);
    expect(verdicts).toEqual(['not-state', 'accepted']);
    expect(follower.game).toEqual(game(12));
    expect(follower.position?.seq).toBe(13);
  });

  it('round-trips messages through JSON and refuses foreign or damaged ones with the field named', () => {
    const m = publish(createPublisher(session), game(3)).message;
    expect(parseSyncMessage(JSON.parse(JSON.stringify(m)))).toEqual({ ok: true, message: m });
    expect(parseSyncMessage({ hello: 'world' })).toEqual({ ok: false, errors: ['not a game-day message'] });
    const newer = parseSyncMessage({ ...m, version: 2 });
    expect(newer.ok === false && newer.errors[0]).toMatch(/version 2 is not supported/);
    const bad = parseSyncMessage({ ...m, seq: 0, game: { ...m.game, speed: '3s', actions: [{ at: 1, kind: 'declare', severity: 9 }] } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.errors).toContain('seq must be a number of at least 1 (found 0)');
      expect(bad.errors).toContain('game.speed must be one of 10s, 5s, 2s, 1s (found "3s")');
      expect(bad.errors.some((e) => e.startsWith('game.actions[0].severity'))).toBe(true);
    }
  });

  it('keeps the last state in the game-day-live area, and backs up a damaged one instead of crashing', () => {
    const store = memoryStore();
    const m = publish(createPublisher(session), game(5)).message;
    expect(writeArea(store, liveGameArea, m)).toBeUndefined();
    expect(readArea(store, liveGameArea, 1).value).toEqual(m);
    store.setItem('rlab:game-day-live', JSON.stringify({ version: 1, data: { ...m, game: { ...m.game, minute: -4 } } }));
    const damaged = readArea(store, liveGameArea, 99);
    expect(damaged.value).toBeNull();
    expect(damaged.problem?.message).toMatch(/game\.minute must be a number of at least 0/);
    expect(store.getItem('rlab:backup:game-day-live:99')).toContain('"minute":-4');
  });
});
