export { assertAddMissingAllowed, pullManifests, type PullInput } from './pull.js';
export type { FieldEdit, PullNote, PullResult, PulledFile } from './types.js';
export { applyYamlEdits, type EditedText, type YamlEdit, type YamlPath } from './yaml-edit.js';
