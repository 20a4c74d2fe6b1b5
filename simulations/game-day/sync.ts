/**
 * How the facilitator console keeps the team view (the projector window) in step, with no server:
 * the console is the only writer. It publishes the whole live game (scenario, seed, team, action
 * log, minute, clock) as a numbered message on a BroadcastChannel named `rlab-game-day`, and
 * mirrors the last message into the storage area `game-day-live` (for browsers without
 * BroadcastChannel, which get it through the `storage` event, and for a team view opened late).
 * A team view opened late also says `hello`, and the console answers with its current state.
 *
 * Pure: the browser glue lives in `src/components/game-day/channel.ts`.
 */
import type { Action, Scenario } from '../incident/contract';
import type { StoredArea } from '../../src/lib/storage';
import { isSpeed, MAX_MINUTE, type Speed } from './clock';
import { isStressLevel, type StressLevel } from './stress';
import { checkActions, checkBoolean, checkNumber, checkString, isRecord, problem, type Problems } from './validate';

/** The BroadcastChannel's name. */
export const CHANNEL_NAME = 'rlab-game-day';
/** Marks our messages, so anything else on the channel is ignored. */
export const PROTOCOL = 'rlab-game-day';
/** Version of the message format. */
export const PROTOCOL_VERSION = 1;

/** Which scenario is running: a built-in one by id, or the instructor's own file's content. */
export type ScenarioRef = { kind: 'built-in'; id: string } | { kind: 'custom'; scenario: Scenario };

/** Everything a team view needs to recompute the incident (`stateAt(scenario, seed, actions, minute)`). */
export interface LiveGame {
  scenario: ScenarioRef;
  seed: number;
  team: string;
  actions: Action[];
  minute: number;
  running: boolean;
  speed: Speed;
  stress: StressLevel;
  /** The facilitator ended the game day (debrief). */
  ended: boolean;
}

/** One console's lifetime: a reload starts a new session, which supersedes the old one. */
export interface Session {
  id: string;
  /** Wall-clock ms when the console opened (ordering only, never in any computation). */
  startedAt: number;
}

/** The console's state, numbered within its session. */
export interface StateMessage {
  protocol: typeof PROTOCOL;
  version: typeof PROTOCOL_VERSION;
  type: 'state';
  session: Session;
  seq: number;
  game: LiveGame;
}

/** A team view asking for the current state. */
export interface HelloMessage {
  protocol: typeof PROTOCOL;
  version: typeof PROTOCOL_VERSION;
  type: 'hello';
  viewer: string;
}

/** A message on the channel. */
export type SyncMessage = StateMessage | HelloMessage;

/** The console's publisher: its session and the last number it used. */
export interface Publisher {
  session: Session;
  seq: number;
}

/** Starts publishing for a console session (numbers start at 1). */
export function createPublisher(session: Session): Publisher {
  return { session, seq: 0 };
}

/** The next state message and the publisher that sent it (sequence number one higher). */
export function publish(publisher: Publisher, game: LiveGame): { publisher: Publisher; message: StateMessage } {
  const seq = publisher.seq + 1;
  return { publisher: { ...publisher, seq }, message: { protocol: PROTOCOL, version: PROTOCOL_VERSION, type: 'state', session: publisher.session, seq, game } };
}

/** A team view's hello. */
export function hello(viewer: string): HelloMessage {
  return { protocol: PROTOCOL, version: PROTOCOL_VERSION, type: 'hello', viewer };
}

/** What a team view follows: the session and number of the last state it accepted. */
export type FollowPosition = { session: Session; seq: number } | null;

/** Why a state message was taken or ignored. */
export type Verdict = 'accepted' | 'stale' | 'older-session';

/**
 * Whether a team view takes a state message: a newer number of the session it follows, or any
 * message of a newer session (the console was reloaded). Repeats and late arrivals of older
 * numbers are stale; messages of an older console session (a second, older console tab) are ignored.
 */
export function judge(position: FollowPosition, message: StateMessage): Verdict {
  if (!position) return 'accepted';
  if (message.session.id === position.session.id) return message.seq > position.seq ? 'accepted' : 'stale';
  const newer =
    message.session.startedAt > position.session.startedAt ||
    (message.session.startedAt === position.session.startedAt && message.session.id > position.session.id);
  return newer ? 'accepted' : 'older-session';
}

/** A team view's state: the game it shows and where it is in the stream. */
export interface Follower {
  position: FollowPosition;
  game: LiveGame | null;
}

/** A team view that has seen nothing yet. */
export const initialFollower: Follower = { position: null, game: null };

/** Applies a message to a team view: state messages it accepts replace its game; hellos change nothing. */
export function follow(follower: Follower, message: SyncMessage): { follower: Follower; verdict: Verdict | 'not-state' } {
  if (message.type !== 'state') return { follower, verdict: 'not-state' };
  const verdict = judge(follower.position, message);
  if (verdict !== 'accepted') return { follower, verdict };
  return { follower: { position: { session: message.session, seq: message.seq }, game: message.game }, verdict };
}

/** Validates the scenario reference; a custom scenario's content is checked by the engine's `parseScenario` later. */
function checkScenarioRef(problems: Problems, path: string, value: unknown): value is ScenarioRef {
  if (!isRecord(value)) return problem(problems, path, 'a scenario reference', value);
  if (value.kind === 'built-in') return checkString(problems, `${path}.id`, value.id);
  if (value.kind === 'custom') return isRecord(value.scenario) || problem(problems, `${path}.scenario`, 'a scenario object', value.scenario);
  return problem(problems, `${path}.kind`, '"built-in" or "custom"', value.kind);
}

/** Validates a live game (from another window or storage); problems name their field. */
export function checkLiveGame(problems: Problems, path: string, value: unknown): value is LiveGame {
  if (!isRecord(value)) return problem(problems, path, 'a game object', value);
  const before = problems.length;
  checkScenarioRef(problems, `${path}.scenario`, value.scenario);
  if (checkNumber(problems, `${path}.seed`, value.seed) && !Number.isInteger(value.seed)) problem(problems, `${path}.seed`, 'a whole number', value.seed);
  checkString(problems, `${path}.team`, value.team, true);
  checkActions(problems, `${path}.actions`, value.actions);
  if (checkNumber(problems, `${path}.minute`, value.minute) && (value.minute as number) > MAX_MINUTE) problem(problems, `${path}.minute`, `at most ${MAX_MINUTE}`, value.minute);
  checkBoolean(problems, `${path}.running`, value.running);
  if (!isSpeed(value.speed)) problem(problems, `${path}.speed`, 'one of 10s, 5s, 2s, 1s', value.speed);
  if (!isStressLevel(value.stress)) problem(problems, `${path}.stress`, 'one of off, low, high', value.stress);
  checkBoolean(problems, `${path}.ended`, value.ended);
  return problems.length === before;
}

/**
 * Reads a message from the channel or storage. Anything that is not ours (`protocol`) or of
 * another version is refused with a reason; the team view shows the reason, never crashes.
 */
export function parseSyncMessage(value: unknown): { ok: true; message: SyncMessage } | { ok: false; errors: string[] } {
  const problems: Problems = [];
  if (!isRecord(value) || value.protocol !== PROTOCOL) return { ok: false, errors: ['not a game-day message'] };
  if (value.version !== PROTOCOL_VERSION) return { ok: false, errors: [`message version ${String(value.version)} is not supported (this page reads version ${PROTOCOL_VERSION}); reload both windows`] };
  if (value.type === 'hello') {
    checkString(problems, 'viewer', value.viewer);
  } else if (value.type === 'state') {
    if (!isRecord(value.session)) problem(problems, 'session', 'a session object', value.session);
    else {
      checkString(problems, 'session.id', value.session.id);
      checkNumber(problems, 'session.startedAt', value.session.startedAt);
    }
    if (checkNumber(problems, 'seq', value.seq, 1) && !Number.isInteger(value.seq)) problem(problems, 'seq', 'a whole number', value.seq);
    checkLiveGame(problems, 'game', value.game);
  } else {
    problem(problems, 'type', '"state" or "hello"', value.type);
  }
  return problems.length ? { ok: false, errors: problems } : { ok: true, message: value as unknown as SyncMessage };
}

/** Storage area `rlab:game-day-live`: the console's last state message (null before any). */
export const liveGameArea: StoredArea<StateMessage | null> = {
  area: 'game-day-live',
  version: 1,
  empty: () => null,
  parse: (value) => {
    if (value === null) return { ok: true, value: null };
    const parsed = parseSyncMessage(value);
    if (!parsed.ok) return { ok: false, error: parsed.errors.join('; ') };
    if (parsed.message.type !== 'state') return { ok: false, error: 'type must be "state"' };
    return { ok: true, value: parsed.message };
  },
};
