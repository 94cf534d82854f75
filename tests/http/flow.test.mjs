// A project made and decided entirely through the API with keys the server
// never holds; the log it writes verifies like one written by the CLI.
import {Client, demoDb, eq, main, newKey, ok, run, startServer, test, tmpdir} from './lib.mjs';

const dir = tmpdir('flow');
const db = demoDb(dir, {demo: false, accounts: ['suzuki', 'sato']});
const srv = await startServer(db);

test('a project from creation to a signed decision', async () => {
	const u = new Client(srv.url), key = newKey();
	eq((await u.login('suzuki')).status, 201, 'login');
	eq((await u.req('POST', '/api/projects',
		{name: 'web', user_org: 'U', vendor_org: 'V', side: 'user'})).status, 201, 'create');
	eq((await u.registerKey('web', key)).status, 201, 'key');
	eq((await u.signed('POST', '/api/projects/web/draft', {}, key)).status, 201, 'draft');
	// read (and so cache) the list before the decision: the answer after it
	// must not be the cached one
	const before = await u.req('GET', '/api/projects/web/requirements?status=decided');
	eq(before.json.length, 0, 'nothing decided yet');
	const d = await u.signed('POST', '/api/projects/web/decisions',
		{item: 'APP-SC-001', policy: 'implement'}, key);
	eq(d.status, 201, 'decide');
	eq(d.json.changed, 1, 'changed');
	const after = await u.req('GET', '/api/projects/web/requirements?status=decided');
	eq(after.json.length, 1, 'the cached answer is not served after the log moved');
	const v = JSON.parse(run(['--db', db, '--json', 'log', 'verify', 'web']));
	ok(v.ok, 'the CLI verifies the log');
	eq(v.signed, 3, 'every change after the first key is signed');
});

test('a change proposed before another one must be signed again', async () => {
	const u = new Client(srv.url), key2 = newKey();
	await u.login('suzuki');
	// suzuki has a key from the test above; a second key is not registered:
	// signing with it is refused by the rule book
	const r = await u.signed('POST', '/api/projects/web/decisions',
		{item: 'APP-SC-002', policy: 'implement'}, key2);
	ok(r.status === 403 || r.status === 409, `a foreign key is refused (${r.status})`);
});

await main(() => srv.stop());
