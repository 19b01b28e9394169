/** A reporter that keeps every event, so tests can assert what a run reported and in which order. */
import type { ProgressEvent, Reporter } from '../../src/reporter.js';

export class RecordingReporter implements Reporter {
  readonly events: ProgressEvent[] = [];
  report(event: ProgressEvent): void {
    this.events.push(event);
  }
}
