/**
 * Browser glue for the game-day sync protocol (`simulations/game-day/sync.ts`): a BroadcastChannel
 * named `rlab-game-day`, plus the storage area `game-day-live` (written through `src/lib/storage.ts`)
 * that browsers without BroadcastChannel follow through the `storage` event, and that a team view
 * opened late reads first. Both paths carry the same numbered messages, so duplicates are ignored.
 */
import { readArea, storageKey } from '../../lib/storage';
import { browserStore, save } from '../../scripts/browser-store';
import { CHANNEL_NAME, createPublisher, hello, liveGameArea, parseSyncMessage, publish, type LiveGame, type Publisher, type Session, type SyncMessage } from '../../../simulations/game-day/sync';

const openChannel = (): BroadcastChannel | null => {
  try {
    return typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL_NAME) : null;
  } catch {
    return null;
  }
};

/** A random id for a window (not used in any computation: only to tell windows apart). */
export function windowId(prefix: string): string {
  const bytes = new Uint8Array(6);
  crypto.getRandomValues(bytes);
  return `${prefix}-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** The console's side: publishes the live game and answers hellos with the current state. */
export function consoleChannel(current: () => LiveGame) {
  const channel = openChannel();
  const session: Session = { id: windowId('console'), startedAt: Date.now() };
  let publisher: Publisher = createPublisher(session);
  const send = (game: LiveGame) => {
    const step = publish(publisher, game);
    publisher = step.publisher;
    channel?.postMessage(step.message);
    save(liveGameArea, step.message);
  };
  const onMessage = (event: MessageEvent) => {
    const parsed = parseSyncMessage(event.data);
    if (parsed.ok && parsed.message.type === 'hello') send(current());
  };
  channel?.addEventListener('message', onMessage);
  return {
    /** Whether the fast path exists (else the team view follows storage events). */
    broadcast: channel !== null,
    send,
    close: () => {
      channel?.removeEventListener('message', onMessage);
      channel?.close();
    },
  };
}

/**
 * The team view's side: reads the last state from storage, says hello, then hands every message
 * (from the channel or a storage event) to `onMessage`; unreadable ones go to `onProblem`.
 */
export function teamChannel(onMessage: (message: SyncMessage) => void, onProblem: (text: string) => void) {
  const channel = openChannel();
  const fromStorage = () => {
    const read = readArea(browserStore(), liveGameArea, Date.now());
    if (read.problem) onProblem(`${read.problem.message}. ${read.problem.backupKey ? `It was kept under "${read.problem.backupKey}"` : 'Storage is full, so it was left in place'}; waiting for the console's next update.`);
    if (read.value) onMessage(read.value);
  };
  const onChannel = (event: MessageEvent) => {
    const parsed = parseSyncMessage(event.data);
    if (parsed.ok) onMessage(parsed.message);
    else if (parsed.errors[0] !== 'not a game-day message') onProblem(`An update from the console could not be read: ${parsed.errors.slice(0, 3).join('; ')}.`);
  };
  const onStorage = (event: StorageEvent) => {
    if (event.key === storageKey(liveGameArea.area)) fromStorage();
  };
  channel?.addEventListener('message', onChannel);
  window.addEventListener('storage', onStorage);
  fromStorage();
  channel?.postMessage(hello(windowId('team')));
  return {
    broadcast: channel !== null,
    close: () => {
      channel?.removeEventListener('message', onChannel);
      channel?.close();
      window.removeEventListener('storage', onStorage);
    },
  };
}
