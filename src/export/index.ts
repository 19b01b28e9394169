export { CONFIG_FILE, exportEnvironment, exportManifests, filePath } from './export.js';
export { experimentDocument } from './experiment.js';
export { holdoutDocument } from './holdout.js';
export { inlineReferences, renderYaml, YAML_OPTIONS } from './render.js';
export type {
  ExportOptions,
  ExportResult,
  ExportWarning,
  ExportedFile,
  ExportedResource,
  ManifestData,
} from './types.js';
export { resourceContext, type ResourceContext } from './context.js';
