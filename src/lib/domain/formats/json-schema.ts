/**
 * The JSON Schema of the causeway export file, generated from the zod schemas (one source of
 * truth). Published as static/schema/causeway-2.json (`npm run schema`) and GET /api/schema.
 */
import { z } from '../zod';
import { partialDate } from '../partial-date';
import { SCHEMA_VERSION } from '../schema';
import { causewayFile } from './causeway';

const PARTIAL_DATE = '^\\d{4}(-\\d{2}(-\\d{2})?)?$';

/** The schema as an object (JSON Schema 2020-12). */
export function causewayJsonSchema(): Record<string, unknown> {
	const generated = z.toJSONSchema(causewayFile, {
		target: 'draft-2020-12',
		io: 'output',
		// Refinements do not carry over to JSON Schema; a partial date at least gets its shape.
		override: (ctx) => {
			if (ctx.zodSchema === partialDate) {
				ctx.jsonSchema.pattern = PARTIAL_DATE;
				ctx.jsonSchema.description = 'A partial date: YYYY, YYYY-MM or YYYY-MM-DD, naming a real calendar day.';
			}
		}
	}) as Record<string, unknown>;
	const { $schema, ...rest } = generated;
	return {
		$schema,
		title: `Causeway export file, schemaVersion ${SCHEMA_VERSION}`,
		description:
			'What GET /api/export?format=causeway writes and POST /api/import reads. Rules this schema cannot express are checked on import: ' +
			"an event's end is not before its start; ids are unique in each collection; a link's ends, an event's actors and every cited source exist; " +
			'no self-links; no two links with the same cause, effect and relation.',
		...rest
	};
}

/** The schema as the text of static/schema/causeway-2.json. */
export function causewayJsonSchemaText(): string {
	return JSON.stringify(causewayJsonSchema(), null, 2) + '\n';
}
