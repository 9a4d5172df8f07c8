#!/usr/bin/env node
// `npm run bench`: runs run.ts through tsx (a devDependency) in this same process, so Ctrl-C
// reaches the benchmark's cleanup directly. See run.ts for the options.
import { register } from 'tsx/esm/api';

register();
await import(new URL('./run.ts', import.meta.url).href);
