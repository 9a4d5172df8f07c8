import Ajv2020 from 'ajv/dist/2020';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../src/lib/domain/document';
import { exportDocument } from '../../src/lib/domain/formats';
import { causewayJsonSchemaText } from '../../src/lib/domain/formats/json-schema';
import { SCHEMA_FILE } from './generate';

const committed = readFileSync(SCHEMA_FILE, 'utf8');
const kursk = parseDocument(JSON.parse(readFileSync(resolve('data/seed/kursk.json'), 'utf8')));

describe('the published JSON Schema of the causeway format', () => {
	it('is up to date with the zod schemas (run `npm run schema` and commit the file)', () => {
		expect(committed).toBe(causewayJsonSchemaText());
	});

	it('accepts an export and refuses a broken one (JSON Schema 2020-12)', () => {
		const ajv = new Ajv2020({ allErrors: true, strict: true });
		// The pattern beside each date-time already checks it; no format plug-in needed.
		ajv.addFormat('date-time', true);
		const validate = ajv.compile(JSON.parse(committed));
		const file = JSON.parse(exportDocument(kursk, 'causeway').body as string);
		expect(validate(file), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
		file.events[0].start = 'August';
		file.links[0].colour = 'red';
		expect(validate(file)).toBe(false);
		expect(validate.errors?.map((e) => e.instancePath)).toEqual(expect.arrayContaining(['/events/0/start', '/links/0']));
	});
});
