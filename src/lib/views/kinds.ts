/** One colour per event kind, used the same way in every view (table, timeline, graph, legend); names for the kinds of actors. */
import type { ActorKind, EventKind } from '$lib/domain/schema';

export const KIND_COLORS: Record<EventKind, string> = {
	military: '#c0392b',
	political: '#8e44ad',
	diplomatic: '#2874a6',
	aid: '#1e8449',
	intelligence: '#b9770e',
	humanitarian: '#138d75',
	other: '#717d7e'
};

export const KIND_LABELS: Record<EventKind, string> = {
	military: 'Military',
	political: 'Political',
	diplomatic: 'Diplomatic',
	aid: 'Aid',
	intelligence: 'Intelligence',
	humanitarian: 'Humanitarian',
	other: 'Other'
};

export const ACTOR_KIND_LABELS: Record<ActorKind, string> = {
	state: 'State',
	'armed-force': 'Armed force',
	person: 'Person',
	organization: 'Organization',
	alliance: 'Alliance',
	other: 'Other'
};
