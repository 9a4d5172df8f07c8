// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	namespace App {
		interface Locals {
			/** The named user the request is from (set by the guard when CAUSEWAY_USERS is configured). */
			user?: string;
		}
	}
}

export {};
