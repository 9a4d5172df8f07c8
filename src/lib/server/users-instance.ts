/** The server's users (CAUSEWAY_USERS), or null when named users are not configured. */
import { usersFile } from './config';
import { Users } from './users';

let users: Users | null | undefined;

export function serverUsers(): Users | null {
	if (users === undefined) {
		const file = usersFile();
		users = file ? new Users(file) : null;
	}
	return users;
}
