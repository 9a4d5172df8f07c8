/**
 * The inspector's form fields for each kind of entity: the label, the control, and how the stored
 * value reads as text and back (an empty optional field clears it: null in the patch). Actors and
 * citations of an event have controls of their own (ActorsField, CitationsField).
 */
import type { FieldCodec } from '$lib/state/form-draft.svelte';
import { ACTOR_KINDS, CONFIDENCES, EVENT_KINDS, RELATIONS, RELIABILITIES, type Actor, type Entity, type Event, type Link, type Source } from '$lib/domain/schema';
import { KIND_LABELS } from '../kinds';

export interface FieldSpec<E extends Entity = Entity> extends FieldCodec<E> {
	control: 'text' | 'textarea' | 'select' | 'checkbox' | 'date' | 'color';
	options?: { value: string; label: string }[];
	/** A short help line under the field. */
	hint?: string;
	/** Spans the form's width. */
	wide?: boolean;
}

type Row = Record<string, unknown>;

/** A text field: the value as it is ("" for none), trimmed only when the schema trims. */
function text<E extends Entity>(key: string, label: string, extra: Partial<FieldSpec<E>> = {}): FieldSpec<E> {
	return { key, label, control: 'text', toText: (e) => String((e as Row)[key] ?? ''), fromText: (t) => t, ...extra };
}

/** An optional field: empty clears it. */
function optional<E extends Entity>(key: string, label: string, extra: Partial<FieldSpec<E>> = {}): FieldSpec<E> {
	return text<E>(key, label, { fromText: (t) => (t.trim() === '' ? null : t.trim()), ...extra });
}

function select<E extends Entity>(key: string, label: string, values: readonly string[], labels?: Record<string, string>, extra: Partial<FieldSpec<E>> = {}): FieldSpec<E> {
	return text<E>(key, label, { control: 'select', options: values.map((value) => ({ value, label: labels?.[value] ?? value })), ...extra });
}

const DATE_HINT = 'YYYY, YYYY-MM or YYYY-MM-DD: as precise as the sources are';

export const EVENT_FIELDS: FieldSpec<Event>[] = [
	text('title', 'Title', { wide: true }),
	text('start', 'Start', { control: 'date', hint: DATE_HINT, fromText: (t) => t.trim() }),
	optional('end', 'End', { control: 'date', hint: 'empty for a single moment' }),
	{
		key: 'approximate',
		label: 'Approximate',
		control: 'checkbox',
		hint: 'the sources give the date only roughly',
		toText: (e) => String(e.approximate),
		fromText: (t) => t === 'true'
	},
	select('kind', 'Kind', EVENT_KINDS, KIND_LABELS),
	{
		key: 'location',
		label: 'Location',
		control: 'text',
		wide: true,
		toText: (e) => e.location?.name ?? '',
		// A new name keeps the coordinates the location had.
		fromText: (t, e) => (t.trim() === '' ? null : { ...e.location, name: t.trim() })
	},
	{
		key: 'tags',
		label: 'Tags',
		control: 'text',
		wide: true,
		hint: 'separated by commas; “disputed” marks what the sources disagree on',
		toText: (e) => e.tags.join(', '),
		fromText: (t) =>
			t
				.split(',')
				.map((tag) => tag.trim())
				.filter(Boolean)
	},
	text('description', 'Description', { control: 'textarea', wide: true })
];

export const LINK_FIELDS: FieldSpec<Link>[] = [
	select('relation', 'Relation', RELATIONS),
	select('confidence', 'Confidence', CONFIDENCES),
	text('note', 'Note', { control: 'textarea', wide: true })
];

const ACTOR_KIND_LABELS: Record<string, string> = { 'armed-force': 'armed force' };

export const ACTOR_FIELDS: FieldSpec<Actor>[] = [
	text('name', 'Name', { wide: true }),
	select('kind', 'Kind', ACTOR_KINDS, ACTOR_KIND_LABELS),
	optional('side', 'Side'),
	optional('color', 'Colour', { control: 'color', hint: '#rrggbb, used for its row on the timeline' }),
	text('description', 'Description', { control: 'textarea', wide: true })
];

export const SOURCE_FIELDS: FieldSpec<Source>[] = [
	text('title', 'Title', { wide: true }),
	text('publisher', 'Publisher'),
	text('author', 'Author'),
	optional('publishedAt', 'Published', { control: 'date', hint: DATE_HINT }),
	select('reliability', 'Reliability', ['', ...RELIABILITIES], { '': 'not rated', A: 'A — reliable', B: 'B — usually reliable', C: 'C — fairly reliable', D: 'D — not usually reliable', E: 'E — unreliable', F: 'F — cannot be judged' }, {
		fromText: (t) => (t === '' ? null : t)
	}),
	text('url', 'URL', { wide: true, hint: 'http(s) only' }),
	text('notes', 'Notes', { control: 'textarea', wide: true })
];
