import type { ExperimentDocument } from '../documents.js';
import type { RuleContext } from './types.js';

/**
 * YAML reads `holdout:` with nothing after it as null, and null removes the experiment from its
 * holdout for good; an irreversible step must not follow from a value someone forgot to type.
 */
export function emptyHoldout({ doc, report, locate }: RuleContext<ExperimentDocument>): void {
  if (doc.spec.holdout !== null) return;
  const at = locate('/spec/holdout');
  const written = at.endLine !== at.line || at.endColumn !== at.column;
  if (written) return;
  const message =
    'spec.holdout: empty value; write `holdout: null` to remove the experiment from its holdout (irreversible: it can never rejoin), or delete the line to leave its membership alone';
  report('EmptyHoldout', '/spec/holdout', message, { atKey: true });
}
