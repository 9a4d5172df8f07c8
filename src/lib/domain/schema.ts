/**
 * The data model (schemaVersion 2: version 1 and claims) as zod schemas, shared by the server, the browser and the CLI.
 *
 * Each entity has three shapes:
 * - the stored entity (`Event`, …): every field present, with id, revision and timestamps;
 * - the create input (`EventInput`, …): optional fields take their defaults, id is optional;
 * - the patch (`EventPatch`, …): any subset of the fields; `null` clears an optional field.
 * Patches are built from field schemas without defaults on purpose: zod 4 applies a default even
 * inside `.optional()`, which would turn "not mentioned" into "reset".
 */
import { z } from './zod';
import { isCertainlyBefore, isPartialDate, partialDate } from './partial-date';

export const SCHEMA_VERSION = 2;

export const ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;
export const id = z
	.string()
	.regex(ID_PATTERN, { message: 'not an id: 1–64 of a-z, 0-9 and "-", starting with a letter or digit' })
	// Ids become object keys in some exports (JGF nodes); these two would be refused on import.
	.refine((value) => value !== 'constructor' && value !== 'prototype', { message: 'not an id: "constructor" and "prototype" are reserved' });

/** Whether `value` can be an entity's id as it is (the one rule: the pattern and the reserved words). */
export const isId = (value: string): boolean => id.safeParse(value).success;

export const EVENT_KINDS = ['military', 'political', 'diplomatic', 'aid', 'intelligence', 'humanitarian', 'other'] as const;
export const ACTOR_KINDS = ['state', 'armed-force', 'person', 'organization', 'alliance', 'other'] as const;
export const RELATIONS = ['causes', 'enables', 'triggers', 'prevents', 'responds-to'] as const;
export const CONFIDENCES = ['low', 'medium', 'high'] as const;
export const RELIABILITIES = ['A', 'B', 'C', 'D', 'E', 'F'] as const;

export const eventKind = z.enum(EVENT_KINDS);
export const actorKind = z.enum(ACTOR_KINDS);
export const relation = z.enum(RELATIONS);
export const confidence = z.enum(CONFIDENCES);
export const reliability = z.enum(RELIABILITIES);

const text = (max: number) => z.string().max(max, { message: `at most ${max} characters` });
const name = (max: number) =>
	z.string().trim().min(1, { message: 'required' }).max(max, { message: `at most ${max} characters` });
const unique = <T extends z.ZodType<string>>(item: T, max: number) =>
	z
		.array(item)
		.max(max, { message: `at most ${max} items` })
		.refine((xs) => new Set(xs).size === xs.length, { message: 'contains duplicates' });

export const citation = z.strictObject({
	sourceId: id,
	quote: text(2_000).optional()
});

export const location = z.strictObject({
	name: name(200),
	lat: z.number().min(-90).max(90).optional(),
	lon: z.number().min(-180).max(180).optional()
});

/** http(s) only: a `javascript:` URL in a source would run when a user follows it. */
const url = z
	.string()
	.max(2_000)
	.refine((u) => u === '' || /^https?:\/\/[^\s]+$/i.test(u), { message: 'not an http(s) URL' });

const color = z.string().regex(/^#[0-9a-fA-F]{6}$/, { message: 'not a colour: use #rrggbb' });

const meta = {
	id,
	revision: z.number().int().min(1),
	createdAt: z.iso.datetime(),
	updatedAt: z.iso.datetime()
};

// --- field sets: required fields, then optional ones (`end`, `location`, …) ---

const eventFields = {
	title: name(200),
	description: text(20_000),
	start: partialDate,
	approximate: z.boolean(),
	kind: eventKind,
	actorIds: unique(id, 500),
	tags: unique(name(100), 100),
	sources: z.array(citation).max(500)
};
/**
 * Where an imported entity came from: its id in the other tool's file, kept so that importing the
 * same file again updates it instead of adding it twice. Optional (every version-2 file stays valid).
 */
const externalId = z.string().min(1).max(500, { message: 'at most 500 characters' });
const eventOptional = { end: partialDate, location, externalId };

const actorFields = { name: name(200), kind: actorKind, description: text(20_000) };
const actorOptional = { side: name(100), color };

const linkFields = {
	from: id,
	to: id,
	relation,
	confidence,
	note: text(20_000),
	sources: z.array(citation).max(500)
};

const sourceFields = {
	title: name(300),
	publisher: text(300),
	author: text(300),
	url,
	notes: text(20_000)
};
const sourceOptional = { publishedAt: partialDate, reliability };

/** What a claim is about: an event, a link or an actor. */
export const CLAIM_SUBJECTS = ['events', 'links', 'actors'] as const;
export const claimAbout = z.strictObject({ collection: z.enum(CLAIM_SUBJECTS), id });
export const quantity = z.strictObject({
	amount: z.number().refine(Number.isFinite, { message: 'not a number' }),
	unit: text(50)
});

const claimFields = {
	about: claimAbout,
	property: name(200),
	value: name(500),
	sources: z.array(citation).max(500),
	note: text(20_000)
};
const claimOptional = { quantity, date: partialDate };
const oneNormalisedValue = (c: { quantity?: unknown; date?: unknown }) => !(c.quantity && c.date);
const oneNormalisedIssue = { message: 'a claim has a quantity or a date, not both', path: ['date'] };

const endNotBeforeStart = (e: { start?: string; end?: string | null }) =>
	!e.start || !e.end || !isPartialDate(e.start) || !isPartialDate(e.end) || !isCertainlyBefore(e.end, e.start);
const endIssue = { message: 'end is before start', path: ['end'] };

// --- stored entities ---

export const event = z
	.strictObject({ ...meta, ...eventFields, end: eventOptional.end.optional(), location: location.optional(), externalId: externalId.optional() })
	.refine(endNotBeforeStart, endIssue);
export const actor = z.strictObject({
	...meta,
	...actorFields,
	side: actorOptional.side.optional(),
	color: actorOptional.color.optional()
});
const linkOptional = { externalId };
export const link = z.strictObject({ ...meta, ...linkFields, externalId: externalId.optional() });
export const source = z.strictObject({
	...meta,
	...sourceFields,
	publishedAt: sourceOptional.publishedAt.optional(),
	reliability: sourceOptional.reliability.optional()
});

export const claim = z
	.strictObject({ ...meta, ...claimFields, quantity: quantity.optional(), date: partialDate.optional() })
	.refine(oneNormalisedValue, oneNormalisedIssue);

export type Event = z.infer<typeof event>;
export type Claim = z.infer<typeof claim>;
export type Quantity = z.infer<typeof quantity>;
export type Actor = z.infer<typeof actor>;
export type Link = z.infer<typeof link>;
export type Source = z.infer<typeof source>;
export type Citation = z.infer<typeof citation>;
export type Location = z.infer<typeof location>;
export type EventKind = z.infer<typeof eventKind>;
export type ActorKind = z.infer<typeof actorKind>;
export type Relation = z.infer<typeof relation>;
export type Confidence = z.infer<typeof confidence>;

// --- create inputs: `{title, start, kind}` is a whole event ---

export const eventInput = z
	.strictObject({
		id: id.optional(),
		...eventFields,
		description: eventFields.description.default(''),
		approximate: eventFields.approximate.default(false),
		actorIds: eventFields.actorIds.default([]),
		tags: eventFields.tags.default([]),
		sources: eventFields.sources.default([]),
		end: eventOptional.end.optional(),
		location: location.optional(),
		externalId: externalId.optional()
	})
	.refine(endNotBeforeStart, endIssue);
export const actorInput = z.strictObject({
	id: id.optional(),
	...actorFields,
	description: actorFields.description.default(''),
	side: actorOptional.side.optional(),
	color: actorOptional.color.optional()
});
export const linkInput = z.strictObject({
	id: id.optional(),
	...linkFields,
	confidence: linkFields.confidence.default('medium'),
	note: linkFields.note.default(''),
	sources: linkFields.sources.default([]),
	externalId: externalId.optional()
});
export const sourceInput = z.strictObject({
	id: id.optional(),
	...sourceFields,
	publisher: sourceFields.publisher.default(''),
	author: sourceFields.author.default(''),
	url: sourceFields.url.default(''),
	notes: sourceFields.notes.default(''),
	publishedAt: sourceOptional.publishedAt.optional(),
	reliability: sourceOptional.reliability.optional()
});

export const claimInput = z
	.strictObject({
		id: id.optional(),
		...claimFields,
		sources: claimFields.sources.default([]),
		note: claimFields.note.default(''),
		quantity: quantity.optional(),
		date: partialDate.optional()
	})
	.refine(oneNormalisedValue, oneNormalisedIssue);

// --- patches: any subset; null clears an optional field ---

const nullable = <T extends Record<string, z.ZodType>>(fields: T) =>
	Object.fromEntries(Object.entries(fields).map(([k, s]) => [k, s.nullable().optional()])) as {
		[K in keyof T]: z.ZodOptional<z.ZodNullable<T[K]>>;
	};

export const eventPatch = z.strictObject(eventFields).partial().extend(nullable(eventOptional));
export const actorPatch = z.strictObject(actorFields).partial().extend(nullable(actorOptional));
export const linkPatch = z.strictObject(linkFields).partial().extend(nullable(linkOptional));
export const sourcePatch = z.strictObject(sourceFields).partial().extend(nullable(sourceOptional));
export const claimPatch = z.strictObject(claimFields).partial().extend(nullable(claimOptional));

/** The four collections of a document, and the schemas of each. */
export const COLLECTIONS = ['events', 'actors', 'links', 'sources', 'claims'] as const;
export type CollectionName = (typeof COLLECTIONS)[number];

export interface EntityOf {
	events: Event;
	actors: Actor;
	links: Link;
	sources: Source;
	claims: Claim;
}
export type Entity = EntityOf[CollectionName];

export const schemas = {
	events: { entity: event, input: eventInput, patch: eventPatch, optional: Object.keys(eventOptional) },
	actors: { entity: actor, input: actorInput, patch: actorPatch, optional: Object.keys(actorOptional) },
	links: { entity: link, input: linkInput, patch: linkPatch, optional: Object.keys(linkOptional) },
	sources: { entity: source, input: sourceInput, patch: sourcePatch, optional: Object.keys(sourceOptional) },
	claims: { entity: claim, input: claimInput, patch: claimPatch, optional: Object.keys(claimOptional) }
} as const;

export function isCollectionName(value: string): value is CollectionName {
	return (COLLECTIONS as readonly string[]).includes(value);
}

/** The whole document. Each collection is kept sorted by id (see changes.ts). */
export const causewayDocument = z.strictObject({
	schemaVersion: z.literal(SCHEMA_VERSION),
	revision: z.number().int().min(0),
	title: text(300),
	events: z.array(event),
	actors: z.array(actor),
	links: z.array(link),
	sources: z.array(source),
	claims: z.array(claim)
});
export type CausewayDocument = z.infer<typeof causewayDocument>;
