/** Progress for people: a live, rewritten line on a terminal; plain lines otherwise (CI logs). */
import { describeRetry, type ProgressEvent, type Reporter } from '../reporter.js';

export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

export function createProgressReporter(
  stream: ProgressStream,
  options: { verbose: boolean },
): Reporter & { done(): void } {
  const live = stream.isTTY === true;
  let lineOpen = false;
  // Reads still in flight when a run fails would otherwise print after its final error message.
  let closed = false;
  const line = (text: string): void => {
    if (live) {
      stream.write(`\r\x1b[K${text}`);
      lineOpen = true;
    } else {
      stream.write(`${text}\n`);
    }
  };
  const permanent = (text: string): void => {
    if (lineOpen) stream.write('\r\x1b[K');
    lineOpen = false;
    stream.write(`${text}\n`);
  };
  return {
    report(event: ProgressEvent): void {
      if (closed) return;
      const text = describe(event, options.verbose);
      if (text === undefined) return;
      if ((event.type === 'step-end' && event.status !== 'ok') || event.type === 'retry') permanent(text);
      else line(text);
    },
    done(): void {
      closed = true;
      if (lineOpen) stream.write('\r\x1b[K');
      lineOpen = false;
    },
  };
}

/** One line per event; steps are named by what they do to which resource, never by internal id. */
function describe(event: ProgressEvent, verbose: boolean): string | undefined {
  switch (event.type) {
    case 'phase':
      return `${event.message}…`;
    case 'request':
      return verbose ? `${event.method} ${event.path} → ${event.status}` : undefined;
    case 'step-start':
      return `[${event.index}/${event.total}] ${event.description}…`;
    case 'step-end': {
      const outcome = event.status === 'ok' ? ': done' : ` ${event.status}${event.message ? `: ${event.message}` : ''}`;
      return `[${event.index}/${event.total}] ${event.description}${outcome}`;
    }
    case 'retry':
      return describeRetry(event);
  }
}
