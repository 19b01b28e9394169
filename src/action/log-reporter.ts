/** Progress for the run log: one plain line per phase, per step that did not succeed and per retry. */
import { describeRetry, type ProgressEvent, type Reporter } from '../reporter.js';

export function createLogReporter(log: (line: string) => void): Reporter {
  return {
    report(event: ProgressEvent): void {
      const line = describe(event);
      if (line !== undefined) log(line);
    },
  };
}

function describe(event: ProgressEvent): string | undefined {
  switch (event.type) {
    case 'phase':
      return event.message;
    case 'step-start':
      return `[${event.index}/${event.total}] ${event.description}`;
    case 'step-end':
      return event.status === 'ok'
        ? undefined
        : `[${event.index}/${event.total}] ${event.description} ${event.status}${event.message ? `: ${event.message}` : ''}`;
    case 'request':
      return undefined;
    case 'retry':
      return describeRetry(event);
  }
}
