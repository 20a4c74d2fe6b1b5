import { describe, expect, it } from 'vitest';
import { describeStatus } from './offline-status';

describe('describeStatus', () => {
  it('shows saving progress as a whole percentage, outside the announced text', () => {
    const view = describeStatus({ kind: 'saving', done: 2, total: 5 }, true);
    expect(view).toMatchObject({ state: 'saving', text: 'Saving for offline…', detail: ' 40%', reload: false });
    expect(describeStatus({ kind: 'saving', done: 0, total: 0 }, true).detail).toBe(' 0%');
  });

  it('says available offline once a worker is active, and offline when the network is gone', () => {
    expect(describeStatus({ kind: 'ready' }, true).text).toBe('Available offline');
    expect(describeStatus({ kind: 'ready' }, false)).toMatchObject({ state: 'offline', text: 'Offline' });
    expect(describeStatus({ kind: 'saving', done: 1, total: 2 }, false)).toMatchObject({ state: 'offline', detail: '' });
    expect(describeStatus({ kind: 'unavailable' }, false)).toMatchObject({ state: 'offline', text: 'Offline' });
  });

  it('offers Reload only when an update waits', () => {
    expect(describeStatus({ kind: 'update' }, true)).toMatchObject({ state: 'update', reload: true });
    for (const kind of ['ready', 'unavailable', 'unknown'] as const) expect(describeStatus({ kind }, true).reload).toBe(false);
  });

  it('is honest when service workers are unavailable, and silent before it knows', () => {
    expect(describeStatus({ kind: 'unavailable' }, true).text).toBe('Offline use unavailable in this browser');
    expect(describeStatus({ kind: 'unknown' }, true)).toMatchObject({ state: 'none', text: '' });
    expect(describeStatus({ kind: 'failed' }, true).text).toBe('Could not save for offline use');
  });
});
