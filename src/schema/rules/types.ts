/** The shape every semantic rule has: look at one schema-valid document, report what is wrong. */
import type { SourcePosition } from '../../types.js';
import type { ProblemOptions } from '../../manifest/problem.js';

export interface RuleContext<T> {
  /** The document as written; it already matches its kind's schema. */
  readonly doc: T;
  /** Report a problem about the value at a JSON pointer of the document. */
  readonly report: (code: string, pointer: string, message: string, options?: ProblemOptions) => void;
  /** Where the value at a JSON pointer is written, for rules about how it is spelled. */
  readonly locate: (pointer: string) => SourcePosition;
}

export type Rule<T> = (ctx: RuleContext<T>) => void;
