/**
 * `import … from 'ldexp'`: the pipeline the CLI and the Action run, as functions. Load and validate
 * manifests, plan against LaunchDarkly, apply a plan, and render plans, reports and problems.
 * Nothing here writes to the console: renderers return strings, progress goes to a `Reporter`.
 * The API emulator is a separate entry point, `ldexp/emulator`.
 */
export {
  applyPlan,
  DEFAULT_BASE_URL,
  hasErrors,
  plan,
  validate,
  type ApplyControl,
  type ConnectionOptions,
  type PlanResult,
  type ValidateResult,
} from './pipeline.js';
export { loadManifests, type LoadOptions } from './manifest/index.js';
export type {
  ExperimentManifest,
  HoldoutManifest,
  ManifestConfig,
  ManifestSet,
  TargetDefaults,
} from './manifest/types.js';
export type { Plan } from './plan/types.js';
export type { ApplyReport, StepOutcome } from './apply/types.js';
export type { Problem, Severity, SourcePosition, Target } from './types.js';
export { silentReporter, type ProgressEvent, type Reporter, type RetryEvent } from './reporter.js';
export {
  applySummaryLine,
  parsePlanJson,
  renderAnnotations,
  renderApplyReportJson,
  renderApplyReportMarkdown,
  renderApplyReportText,
  renderPlanJson,
  renderPlanMarkdown,
  renderPlanText,
  renderProblemsMarkdown,
  renderProblemsText,
  renderValidateReportJson,
  type PlanMarkdownOptions,
  type PlanTextOptions,
  type ProblemsTextOptions,
} from './render/index.js';
export {
  FileError,
  GitHubError,
  InterruptedError,
  LdexpError,
  ManifestError,
  NetworkError,
  RemoteError,
  StalePlanError,
  UnexpectedResponseError,
  UsageError,
  type ErrorSource,
} from './errors.js';
