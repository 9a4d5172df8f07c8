/**
 * XML read safely for import: no document type declarations (so no entities to expand, no
 * external files), nesting and size bounded, the five predefined entities and character
 * references decoded in one pass (never recursively).
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { hostileJson } from '../json-guard';
import { problem } from './common';

/** Deeper than GraphML nests (graphml › graph › node › data › a yEd label is about 8). */
export const MAX_XML_DEPTH = 64;

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Text with `&amp;`-style and `&#…;` references decoded; anything else is left as written. */
export function decodeXmlText(text: string): string {
	if (!text.includes('&')) return text;
	return text.replace(/&(?:#(\d{1,7})|#x([0-9a-fA-F]{1,6})|(amp|lt|gt|quot|apos));/g, (whole, dec, hex, name) => {
		if (name) return PREDEFINED[name];
		const code = dec ? Number(dec) : parseInt(hex, 16);
		return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
	});
}

/** The root element's name, from the start of XML text (after any prolog and comments). */
export function rootName(text: string): string | null {
	const m = /^\s*(?:<\?[^]*?\?>\s*|<!--[^]*?-->\s*|<!DOCTYPE[^>[]*(?:\[[^]*?\])?\s*>\s*)*<([A-Za-z_][\w.:-]*)/i.exec(text.slice(0, 4096));
	return m ? m[1] : null;
}

/**
 * XML text as objects: elements by name (lists where `arrays` says), attributes under `@`, text
 * under `#text`, namespace prefixes removed. Refuses a DOCTYPE, broken XML (with its line),
 * nesting past MAX_XML_DEPTH and hostile names.
 */
export function parseXml(text: string, arrays: ReadonlySet<string>): Record<string, unknown> {
	if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw problem('(file)', 'the XML declares a DOCTYPE or entities, which an import does not read (remove the <!DOCTYPE …> part)');
	const valid = XMLValidator.validate(text, { allowBooleanAttributes: true });
	if (valid !== true) throw problem(`(file) line ${valid.err.line}`, `not well-formed XML: ${valid.err.msg}`);
	const parser = new XMLParser({
		ignoreAttributes: false,
		attributeNamePrefix: '',
		attributesGroupName: '@',
		textNodeName: '#text',
		removeNSPrefix: true,
		parseTagValue: false,
		parseAttributeValue: false,
		trimValues: true,
		processEntities: false,
		htmlEntities: false,
		maxNestedTags: MAX_XML_DEPTH,
		isArray: (name) => arrays.has(name),
		tagValueProcessor: (_name, value) => decodeXmlText(value),
		attributeValueProcessor: (_name, value) => decodeXmlText(value)
	});
	let value: unknown;
	try {
		value = parser.parse(text);
	} catch (err) {
		throw problem('(file)', `cannot be read as XML: ${(err as Error).message}`);
	}
	const bad = hostileJson(value, MAX_XML_DEPTH * 2);
	if (bad) throw problem('(file)', bad.kind === 'too_deep' ? `the XML nests more than ${MAX_XML_DEPTH} levels deep` : `the XML uses the reserved name ${bad.path}`);
	return value as Record<string, unknown>;
}
