import { json } from '@sveltejs/kit';
import { causewayJsonSchema } from '$lib/domain/formats/json-schema';
import type { RequestHandler } from './$types';

let schema: Record<string, unknown> | undefined;

/** The JSON Schema of the causeway export file (the same as /schema/causeway-2.json). */
export const GET: RequestHandler = () => json((schema ??= causewayJsonSchema()), { headers: { 'content-type': 'application/schema+json' } });
