/**
 * Body limits of routes that take more than an ordinary write (BODY_LIMIT in http.ts, 1 MB).
 * The import has its own (IMPORT_LIMIT in http.ts); the bounds on what a body may hold are in the
 * domain (MAX_BATCH_OPS in ops.ts, the import caps in formats/limits.ts).
 */

/**
 * The largest body of `POST /api/changes`: a batch of 10,000 operations (MAX_BATCH_OPS) — an undo
 * of a large step, with long ids and whole entities — fits; 1 MB would refuse it with 413 first.
 */
export const BATCH_BODY_LIMIT = 8 * 1024 * 1024;
