import { describe, expect, it } from 'vitest';

import { UsageError } from '../errors.js';
import { parseInputs } from './inputs.js';

const reader =
  (values: Record<string, string>) =>
  (name: string): string =>
    values[name] ?? '';

describe('parseInputs', () => {
  it('reads targets like --target, and refuses a malformed one naming the input', () => {
    expect(parseInputs(reader({ targets: 'web/production\n web/staging/exp-a ' })).targets).toEqual([
      'web/production',
      'web/staging/exp-a',
    ]);
    expect(() => parseInputs(reader({ targets: 'web' }))).toThrow(
      new UsageError('input "targets" expects PROJECT/ENVIRONMENT or PROJECT/ENVIRONMENT/KEY entries, got "web"'),
    );
  });

  it('applies the action.yml defaults when the runner did not', () => {
    expect(parseInputs(reader({}))).toEqual({
      command: 'plan',
      paths: ['.'],
      apiToken: '',
      apiUrl: 'https://app.launchdarkly.com',
      githubToken: '',
      comment: true,
      concurrency: 4,
      allowUnreviewedChanges: false,
      base: 'auto',
    });
  });

  it('reads every input', () => {
    const inputs = parseInputs(
      reader({
        command: 'apply',
        paths: 'experiments\n  holdouts , more\n\n',
        project: 'web',
        environment: 'production',
        'api-token': ' api-xyz ',
        'api-url': 'http://127.0.0.1:9000/',
        'github-token': 'ghs_1',
        comment: 'False',
        concurrency: '8',
        'read-concurrency': ' 3 ',
        timeout: ' 12.5 ',
        'allow-unreviewed-changes': 'TRUE',
        base: ' origin/main ',
      }),
    );
    expect(inputs).toEqual({
      command: 'apply',
      paths: ['experiments', 'holdouts', 'more'],
      project: 'web',
      environment: 'production',
      apiToken: 'api-xyz',
      apiUrl: 'http://127.0.0.1:9000',
      githubToken: 'ghs_1',
      comment: false,
      concurrency: 8,
      readConcurrency: 3,
      timeoutSeconds: 12.5,
      allowUnreviewedChanges: true,
      base: 'origin/main',
    });
  });

  it.each([
    [{ command: 'destroy' }, 'input "command" must be "plan", "apply" or "drift", got "destroy"'],
    [{ base: '--output=x' }, 'input "base" must be auto, none or a Git ref, got "--output=x"'],
    [{ comment: 'yes' }, 'input "comment" must be true or false, got "yes"'],
    [{ concurrency: '0' }, 'input "concurrency" must be an integer from 1 to 64, got "0"'],
    [{ concurrency: '2.5' }, 'input "concurrency" must be an integer from 1 to 64, got "2.5"'],
    [{ 'read-concurrency': '0' }, 'input "read-concurrency" must be an integer from 1 to 64, got "0"'],
    [{ 'read-concurrency': 'many' }, 'input "read-concurrency" must be an integer from 1 to 64, got "many"'],
    [{ timeout: '0' }, 'input "timeout" must be a number of seconds (more than 0, at most 3600), got "0"'],
    [{ timeout: 'soon' }, 'input "timeout" must be a number of seconds (more than 0, at most 3600), got "soon"'],
    [{ timeout: '3601' }, 'input "timeout" must be a number of seconds (more than 0, at most 3600), got "3601"'],
  ])('rejects %j', (values, message) => {
    expect(() => parseInputs(reader(values))).toThrow(new UsageError(message));
  });
});
