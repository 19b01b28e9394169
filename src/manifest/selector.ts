/**
 * The syntax of a `--target` value, apart from the selection itself, so that parsing command-line
 * options loads nothing of the manifest stage.
 */
export interface TargetSelector {
  project: string;
  environment: string;
  /** Only the experiment or holdout with this key. */
  key?: string;
}

const KEY = '[A-Za-z0-9._-]+';
/** `project/environment` or `project/environment/key`. */
export const SELECTOR_PATTERN = new RegExp(`^${KEY}/${KEY}(/${KEY})?$`);

/** The selector a `--target` value names, or undefined when it is not PROJECT/ENVIRONMENT[/KEY]. */
export function parseSelector(text: string): TargetSelector | undefined {
  if (!SELECTOR_PATTERN.test(text)) return undefined;
  const [project = '', environment = '', key] = text.split('/');
  return key === undefined ? { project, environment } : { project, environment, key };
}

export function formatSelector(selector: TargetSelector): string {
  return [selector.project, selector.environment, selector.key].filter((part) => part !== undefined).join('/');
}
