/**
 * `npm run schema`: writes the JSON Schema of the causeway export file, generated from the zod
 * schemas, to static/schema/causeway-2.json (served as /schema/causeway-2.json). The file is
 * committed; schema.spec.ts fails when it is out of date.
 */
import { writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { causewayJsonSchemaText } from '../../src/lib/domain/formats/json-schema';
import { SCHEMA_VERSION } from '../../src/lib/domain/schema';

/** Where the published schema lives. */
export const SCHEMA_FILE = resolve(dirname(fileURLToPath(import.meta.url)), '../../static/schema', `causeway-${SCHEMA_VERSION}.json`);

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	writeFileSync(SCHEMA_FILE, causewayJsonSchemaText());
	console.log(`wrote ${relative(process.cwd(), SCHEMA_FILE)}`);
}
