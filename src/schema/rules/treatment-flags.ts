import { childPointer } from '../../util/json-pointer.js';
import type { ExperimentDocument, TreatmentDocument } from '../documents.js';
import type { RuleContext } from './types.js';

/**
 * Every treatment names one variation for every flag of the iteration and for no other flag. The
 * `variation:` shorthand stands for the only flag, so it needs exactly one.
 */
export function treatmentFlags(ctx: RuleContext<ExperimentDocument>): void {
  const flags = Object.keys(ctx.doc.spec.iteration.flags);
  ctx.doc.spec.iteration.treatments.forEach((treatment, index) => {
    checkTreatment(ctx, flags, treatment, `/spec/iteration/treatments/${String(index)}`);
  });
}

function checkTreatment(
  { report }: RuleContext<ExperimentDocument>,
  flags: string[],
  treatment: TreatmentDocument,
  pointer: string,
): void {
  const where = `treatment "${treatment.name}"`;
  const flagList = flags.join(', ');
  if (treatment.variation !== undefined) {
    if (treatment.variations !== undefined) {
      report('VariationShorthand', `${pointer}/variation`, `${where}: set variation or variations, not both`);
    } else if (flags.length !== 1) {
      const message = `${where}: the variation shorthand needs exactly one flag, but the iteration has ${String(flags.length)} (${flagList}); use variations: { <flag>: <variation>, ... }`;
      report('VariationShorthand', `${pointer}/variation`, message, { candidates: flags });
    }
    return;
  }
  const named = treatment.variations ?? {};
  for (const flag of flags.filter((f) => !(f in named))) {
    const target = treatment.variations ? `${pointer}/variations` : pointer;
    const message = `${where} names no variation for flag "${flag}"; every treatment needs one per flag (${flagList})`;
    report('TreatmentFlagMismatch', target, message, { candidates: flags });
  }
  for (const extra of Object.keys(named).filter((f) => !flags.includes(f))) {
    const message = `${where} names flag "${extra}", which is not in spec.iteration.flags (${flagList})`;
    report('TreatmentFlagMismatch', childPointer(`${pointer}/variations`, extra), message, {
      atKey: true,
      candidates: flags,
    });
  }
}
