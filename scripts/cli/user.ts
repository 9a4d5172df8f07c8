/**
 * `npm run user -- add NAME | list | remove NAME`: the named users of CAUSEWAY_USERS. `add` prints
 * the new user's token once; only its hash is kept. A running server sees the change at once.
 */
import { usersFile } from '$lib/server/config';
import { newUser, readUsersFile, validUserName, writeUsersFile } from '$lib/server/users';

const USAGE = 'usage: npm run user -- add NAME | list | remove NAME   (with CAUSEWAY_USERS=/path/users.json)';

async function main(args: string[]): Promise<number> {
	const file = usersFile();
	if (!file) {
		console.error(`Set CAUSEWAY_USERS to the users file (it is created by "add").\n${USAGE}`);
		return 2;
	}
	const [command, ...rest] = args;
	const name = rest.join(' ').trim();
	const content = readUsersFile(file);
	if (command === 'list' && rest.length === 0) {
		for (const u of content.users) console.log(`${u.name}\t(added ${u.created})`);
		if (content.users.length === 0) console.log('No users yet: npm run user -- add NAME');
		return 0;
	}
	if (command === 'add' && name) {
		if (!validUserName(name)) {
			console.error(`"${name}" is not a user name: 1–64 letters, digits, spaces and . _ ' -, starting with a letter or digit.`);
			return 1;
		}
		if (content.users.some((u) => u.name.toLowerCase() === name.toLowerCase())) {
			console.error(`There is a user "${name}" already (remove them first to give them a new token).`);
			return 1;
		}
		const { record, token } = newUser(name);
		await writeUsersFile(file, { users: [...content.users, record] });
		console.log(`Added ${name}. Their token (shown only this once; they send it as "Authorization: Bearer <token>" or sign in with it):\n${token}`);
		return 0;
	}
	if (command === 'remove' && name) {
		const kept = content.users.filter((u) => u.name !== name);
		if (kept.length === content.users.length) {
			console.error(`There is no user "${name}".`);
			return 1;
		}
		await writeUsersFile(file, { users: kept });
		console.log(`Removed ${name}; their token and sessions no longer work.`);
		return 0;
	}
	console.error(USAGE);
	return 2;
}

main(process.argv.slice(2)).then(
	(code) => process.exit(code),
	(err) => {
		console.error((err as Error).message);
		process.exit(1);
	}
);
