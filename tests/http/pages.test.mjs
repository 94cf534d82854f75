// Pages from the cache: every session gets its own CSRF token in the same
// cached page, a page of a project one is not in is the same not-found page
// as a project that does not exist.
import {Client, demoDb, eq, main, ok, startServer, test, tmpdir} from './lib.mjs';

const dir = tmpdir('pages');
const db = demoDb(dir);
const srv = await startServer(db);
const meta = (html) => /<meta name="csrf-token" content="([^"]*)">/.exec(html)[1];

test('one cached page, each session its own CSRF token', async () => {
	const a = new Client(srv.url), b = new Client(srv.url);
	await a.login('suzuki');
	await b.login('suzuki');
	const pa = await a.req('GET', '/p/demo/decisions');
	const pb = await b.req('GET', '/p/demo/decisions');
	eq(pa.status, 200, 'page a');
	ok(pa.headers.get('content-type').startsWith('text/html'), 'html');
	eq(meta(pa.text), a.csrf, 'a gets a\'s token');
	eq(meta(pb.text), b.csrf, 'b gets b\'s token (from the cache)');
	eq(pa.text.replace(a.csrf, ''), pb.text.replace(b.csrf, ''), 'otherwise the same page');
	ok(!/-{64}/.test(pb.text), 'the slot never leaves unfilled');
});

test('not a member: the not-found page of a project that does not exist', async () => {
	const o = new Client(srv.url);
	await o.login('outsider');
	const mine = await o.req('GET', '/p/demo');
	const none = await o.req('GET', '/p/no-such-project');
	eq(mine.status, 404, 'not found');
	ok(mine.headers.get('content-type').startsWith('text/html'), 'as a page');
	eq(mine.text.replace(/content="[0-9a-f]{64}"/, ''), none.text.replace(/content="[0-9a-f]{64}"/, ''),
		'the same page');
});

await main(() => srv.stop());
