import { describe, expect, it } from 'vitest';

import { expectationFor } from '../../src/live/operations.js';
import { describeExpectation, isJsonContentType, verifyAnswer, type Answer } from '../../src/live/verify.js';

const EXPERIMENTS = '/api/v2/projects/web/environments/production/experiments';
const createExperiment = expectationFor('POST', EXPERIMENTS);
const listExperiments = expectationFor('GET', EXPERIMENTS);
const createHoldout = expectationFor('POST', '/api/v2/projects/web/environments/production/holdouts');
const unknownRoute = expectationFor('GET', '/api/v2/somewhere-else');

const JSON_TYPE = 'application/json; charset=utf-8';
const answer = (over: Partial<Answer>): Answer => ({
  status: 200,
  contentType: JSON_TYPE,
  location: undefined,
  text: '{}',
  ...over,
});

describe('verifyAnswer', () => {
  it.each([
    {
      name: 'a created experiment',
      expected: createExperiment,
      answer: answer({ status: 201, text: '{"key":"exp","name":"Exp"}' }),
      verdict: { ok: true, body: { key: 'exp', name: 'Exp' } },
    },
    {
      name: 'a redirect, with its target',
      expected: createExperiment,
      answer: answer({ status: 302, location: 'https://sso.example/login', contentType: 'text/html', text: '' }),
      verdict: { ok: false, problem: 'a redirect to https://sso.example/login, not followed' },
    },
    {
      name: 'a redirect without Location',
      expected: listExperiments,
      answer: answer({ status: 307, text: '' }),
      verdict: { ok: false, problem: 'a redirect, not followed' },
    },
    {
      name: 'an empty 204 to a create',
      expected: createExperiment,
      answer: answer({ status: 204, contentType: undefined, text: '' }),
      verdict: { ok: false, problem: 'status 204 where 201 is documented' },
    },
    {
      name: 'a 200 to a create documented as 201',
      expected: createExperiment,
      answer: answer({ status: 200, text: '{"key":"exp"}' }),
      verdict: { ok: false, problem: 'status 200 where 201 is documented' },
    },
    {
      name: 'an HTML page with the documented status',
      expected: listExperiments,
      answer: answer({ contentType: 'text/html', text: '<html>Sign in</html>' }),
      verdict: { ok: false, problem: 'a body that is not JSON' },
    },
    {
      name: 'JSON text without a content type',
      expected: listExperiments,
      answer: answer({ contentType: undefined, text: '{"items":[]}' }),
      verdict: { ok: false, problem: 'a body without a content type' },
    },
    {
      name: 'an empty body with the documented status',
      expected: listExperiments,
      answer: answer({ text: '  ' }),
      verdict: { ok: false, problem: 'an empty body' },
    },
    {
      name: 'a JSON content type on a body that does not parse',
      expected: listExperiments,
      answer: answer({ text: '{"items": [' }),
      verdict: { ok: false, problem: 'a JSON content type but a body that does not parse as JSON' },
    },
    {
      name: 'a list without items',
      expected: listExperiments,
      answer: answer({ text: '{"data":[]}' }),
      verdict: { ok: false, problem: 'a JSON object without an "items" list' },
    },
    {
      name: 'a list whose items is not an array',
      expected: listExperiments,
      answer: answer({ text: '{"items":{}}' }),
      verdict: { ok: false, problem: 'a JSON object without an "items" list' },
    },
    {
      name: 'an array where an object is documented',
      expected: listExperiments,
      answer: answer({ text: '[]' }),
      verdict: { ok: false, problem: 'JSON that is not an object (an array)' },
    },
    {
      name: 'null',
      expected: createExperiment,
      answer: answer({ status: 201, text: 'null' }),
      verdict: { ok: false, problem: 'JSON that is not an object (null)' },
    },
    {
      name: 'a holdout without its id and status',
      expected: createHoldout,
      answer: answer({ status: 201, text: '{"key":"h","_id":null}' }),
      verdict: { ok: false, problem: 'a JSON object without "_id", "status"' },
    },
    {
      name: 'an empty list',
      expected: listExperiments,
      answer: answer({ contentType: 'application/vnd.launchdarkly+json', text: '{"items":[],"total_count":0}' }),
      verdict: { ok: true, body: { items: [], total_count: 0 } },
    },
    {
      name: 'outside the table: any 2xx JSON',
      expected: unknownRoute,
      answer: answer({ status: 202, text: '"queued"' }),
      verdict: { ok: true, body: 'queued' },
    },
    {
      name: 'outside the table: still not HTML',
      expected: unknownRoute,
      answer: answer({ contentType: 'text/html', text: '<p>hi</p>' }),
      verdict: { ok: false, problem: 'a body that is not JSON' },
    },
  ])('$name', ({ expected, answer: given, verdict }) => {
    expect(verifyAnswer(given, expected)).toEqual(verdict);
  });
});

describe('describeExpectation', () => {
  it.each([
    [createExperiment, '201 and an experiment as JSON'],
    [listExperiments, '200 and a list of experiments as JSON'],
    [unknownRoute, 'a 2xx status and JSON'],
  ])('%j → %s', (expected, text) => {
    expect(describeExpectation(expected)).toBe(text);
  });
});

describe('isJsonContentType', () => {
  it.each([
    ['application/json', true],
    ['Application/JSON; charset=utf-8', true],
    ['application/problem+json', true],
    ['application/json; domain-model=launchdarkly.semanticpatch', true],
    ['text/json', false],
    ['text/html; charset=utf-8', false],
    ['application/jsonp', false],
    [undefined, false],
  ])('%s → %s', (contentType, json) => {
    expect(isJsonContentType(contentType)).toBe(json);
  });
});
