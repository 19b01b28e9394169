import type { ExperimentDocument } from '../documents.js';
import type { RuleContext } from './types.js';

/** Treatment names are unique: `stop.winner` and plan output refer to treatments by name. */
export function duplicateTreatmentName({ doc, report }: RuleContext<ExperimentDocument>): void {
  const firstIndex = new Map<string, number>();
  doc.spec.iteration.treatments.forEach((treatment, index) => {
    const first = firstIndex.get(treatment.name);
    if (first === undefined) {
      firstIndex.set(treatment.name, index);
      return;
    }
    const message = `spec.iteration.treatments[${String(index)}].name: "${treatment.name}" is already the name of treatments[${String(first)}]; treatment names must be unique`;
    report('DuplicateTreatmentName', `/spec/iteration/treatments/${String(index)}/name`, message);
  });
}
