/**
 * Ctrl-C and SIGTERM while apply runs. The first one stops apply from starting anything new and
 * waits (at most IN_FLIGHT_WAIT_MS) for the requests in flight; a second one, or the end of that
 * wait, stops waiting: those steps are reported with an unknown outcome. The handlers exist only
 * while apply runs, so planning and the prompt keep their usual behaviour.
 */
import type { ApplyControl } from '../pipeline.js';

/** How long the first interrupt waits for answers to requests already sent. */
export const IN_FLIGHT_WAIT_MS = 10_000;

export type InterruptSignal = 'SIGINT' | 'SIGTERM';

/** Where interrupts come from: `process` in the binary, an EventEmitter in tests. */
export interface InterruptSource {
  on(event: InterruptSignal, listener: () => void): unknown;
  off(event: InterruptSignal, listener: () => void): unknown;
}

export interface InterruptWatch {
  /** `signal` aborts on the first interrupt; `giveUp` on a second one or when the wait is over. */
  control: ApplyControl;
  /** Remove the handlers (always call it once apply returned). */
  dispose(): void;
}

const SIGNALS: readonly InterruptSignal[] = ['SIGINT', 'SIGTERM'];

/** Watch `source` for interrupts (none when undefined); `notify` tells the user what happens next. */
export function watchInterrupts(
  source: InterruptSource | undefined,
  notify: (text: string) => void,
  waitMs = IN_FLIGHT_WAIT_MS,
): InterruptWatch {
  if (!source) return { control: {}, dispose: () => undefined };
  const interrupt = new AbortController();
  const giveUp = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const listeners = SIGNALS.map((name) => {
    const listener = (): void => {
      if (interrupt.signal.aborted) {
        if (!giveUp.signal.aborted) notify('Interrupted again: no longer waiting for LaunchDarkly to answer.\n');
        giveUp.abort();
        return;
      }
      interrupt.abort();
      const seconds = String(Math.round(waitMs / 1000));
      notify(
        `\n${name === 'SIGINT' ? 'Ctrl-C' : name}: sending no new request; waiting up to ${seconds} s for the requests already sent (Ctrl-C again to stop waiting)…\n`,
      );
      timer = setTimeout(() => {
        giveUp.abort();
      }, waitMs);
    };
    source.on(name, listener);
    return [name, listener] as const;
  });
  return {
    control: { signal: interrupt.signal, giveUp: giveUp.signal },
    dispose: () => {
      clearTimeout(timer);
      for (const [name, listener] of listeners) source.off(name, listener);
    },
  };
}
