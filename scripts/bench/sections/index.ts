/**
 * The benchmark's sections, in the order they run. A later one (e.g. timeline and graph first paint
 * in headless Chromium) goes in its own file here and into this list; it can reuse
 * generate.ts (the data), lib/server.ts (a server on that data) and lib/report.ts (the table).
 */
import type { Section } from '../lib/section';
import { graphSection } from './graph';
import { growthSection } from './growth';
import { loadSection } from './load';
import { pgSection } from './pg';
import { serverSection } from './server';
import { serverGrowthSection } from './server-growth';
import { sideBySideSection } from './side-by-side';
import { timelineSection } from './timeline';

export const SECTIONS: Section[] = [serverSection, serverGrowthSection, timelineSection, graphSection, sideBySideSection, growthSection, loadSection, pgSection];
