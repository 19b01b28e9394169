import { EventEmitter } from 'node:events';

import { afterEach, describe, expect, it, vi } from 'vitest';

import { watchInterrupts } from './interrupt.js';

afterEach(() => {
  vi.useRealTimers();
});

function watch(waitMs = 1000) {
  const source = new EventEmitter();
  const notes: string[] = [];
  const watcher = watchInterrupts(source, (text) => notes.push(text), waitMs);
  return { source, notes, watcher, signal: watcher.control.signal!, giveUp: watcher.control.giveUp! };
}

describe('watchInterrupts', () => {
  it('the first interrupt stops new work and says so; giving up waits for the bound', () => {
    vi.useFakeTimers();
    const { source, notes, signal, giveUp } = watch(1000);
    source.emit('SIGTERM');
    expect([signal.aborted, giveUp.aborted]).toEqual([true, false]);
    expect(notes).toEqual([
      '\nSIGTERM: sending no new request; waiting up to 1 s for the requests already sent (Ctrl-C again to stop waiting)…\n',
    ]);
    vi.advanceTimersByTime(999);
    expect(giveUp.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(giveUp.aborted).toBe(true);
  });

  it('a second interrupt gives up at once', () => {
    const { source, notes, giveUp } = watch(60_000);
    source.emit('SIGINT');
    expect(notes[0]).toContain('Ctrl-C: sending no new request');
    source.emit('SIGINT');
    expect(giveUp.aborted).toBe(true);
    expect(notes[1]).toBe('Interrupted again: no longer waiting for LaunchDarkly to answer.\n');
  });

  it('dispose removes its handlers and its timer', () => {
    const { source, watcher, signal } = watch();
    expect([source.listenerCount('SIGINT'), source.listenerCount('SIGTERM')]).toEqual([1, 1]);
    watcher.dispose();
    expect([source.listenerCount('SIGINT'), source.listenerCount('SIGTERM')]).toEqual([0, 0]);
    source.emit('SIGINT');
    expect(signal.aborted).toBe(false);
  });

  it('without a source there is nothing to watch', () => {
    const watcher = watchInterrupts(undefined, () => undefined);
    expect(watcher.control).toEqual({});
    watcher.dispose();
  });
});
