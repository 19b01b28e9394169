import { UsageError } from '../errors.js';

/** LaunchDarkly's default instance (EU and federal customers set their own). */
export const DEFAULT_BASE_URL = 'https://app.launchdarkly.com';

/**
 * Check a LaunchDarkly base URL: https anywhere, plain http only on loopback, so the token never
 * travels unencrypted over a network. Returns the URL without a trailing slash.
 */
export function checkBaseUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new UsageError(`The LaunchDarkly API URL "${baseUrl}" is not a valid URL`);
  }
  if (url.username || url.password) {
    throw new UsageError('The LaunchDarkly API URL must not contain credentials');
  }
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    throw new UsageError(
      `The LaunchDarkly API URL "${url.origin}" uses http; only https is allowed, except for loopback addresses (127.0.0.1, localhost, [::1])`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`The LaunchDarkly API URL "${baseUrl}" must use https`);
  }
  if (url.search || url.hash) {
    throw new UsageError(`The LaunchDarkly API URL "${baseUrl}" must not have a query or fragment`);
  }
  return url.href.replace(/\/+$/, '');
}

/** 127.0.0.0/8, localhost and [::1]; WHATWG URL has already normalised IPv4 spellings. */
export function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === 'localhost' || host === '[::1]') return true;
  const octets = host.split('.');
  return octets.length === 4 && octets[0] === '127' && octets.every((o) => /^\d{1,3}$/.test(o) && Number(o) <= 255);
}
