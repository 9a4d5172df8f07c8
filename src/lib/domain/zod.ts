/**
 * zod, as every module of the domain imports it. zod compiles object parsers with `new Function`,
 * first probing whether it may: under the page's Content-Security-Policy (no eval) the probe is
 * reported as a violation on every load. In the browser it is told not to compile (what it falls
 * back to there anyway); the server keeps the compiled parsers. Importing zod through this module
 * is what makes the setting come before any schema is made.
 */
import { z } from 'zod';

if (typeof document !== 'undefined') z.config({ jitless: true });

export { z };
