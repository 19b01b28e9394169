import type { ExperimentDocument } from '../documents.js';
import type { RuleContext } from './types.js';

/** A stopped experiment says which treatment won (LaunchDarkly cannot stop without a winner). */
export function missingStop({ doc, report }: RuleContext<ExperimentDocument>): void {
  if (doc.spec.state !== 'stopped' || doc.spec.stop !== undefined) return;
  const message = 'spec.stop: required when state is stopped; add stop: { winner: <treatment name>, reason: ... }';
  report('MissingStop', '/spec/state', message);
}

/** `stop.winner` names one of the treatments. */
export function unknownWinner({ doc, report }: RuleContext<ExperimentDocument>): void {
  const winner = doc.spec.stop?.winner;
  const names = doc.spec.iteration.treatments.map((t) => t.name);
  if (winner === undefined || names.includes(winner)) return;
  const message = `spec.stop.winner: "${winner}" is not a treatment; expected one of ${names.join(', ')}`;
  report('UnknownWinner', '/spec/stop/winner', message, { candidates: names });
}
