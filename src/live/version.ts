/** ldexp's version, sent in the User-Agent; a test keeps it equal to package.json. */
export const LDEXP_VERSION = '0.1.0';
