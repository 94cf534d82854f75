// Live updates: a page that listens to a project's events learns of another
// person's change at once; a stream ends with its session.
import {Client, demoDb, eq, main, newKey, ok, startServer, test, tmpdir} from './lib.mjs';

const dir = tmpdir('events');
const db = demoDb(dir, {demo: false, accounts: ['suzuki', 'sato']});
const srv = await startServer(db);
const u = new Client(srv.url), v = new Client(srv.url);
const uk = newKey(), vk = newKey();
const P = '/api/projects/live';

// Read events from a stream until pred(event) holds or ms pass.
async function until(reader, pred, ms) {
	const dec = new TextDecoder();
	let buf = '';
	const deadline = Date.now() + ms;
	while (Date.now() < deadline) {
		const t = new Promise((r) => setTimeout(() => r({timeout: true}), deadline - Date.now()));
		const chunk = await Promise.race([reader.read(), t]);
		if (chunk.timeout || chunk.done) return null;
		buf += dec.decode(chunk.value, {stream: true});
		let i;
		while ((i = buf.indexOf('\n\n')) >= 0) {
			const block = buf.slice(0, i);
			buf = buf.slice(i + 2);
			const ev = {};
			for (const line of block.split('\n')) {
				const m = /^(event|data): (.*)$/.exec(line);
				if (m) ev[m[1]] = m[2];
			}
			if (ev.data) ev.data = JSON.parse(ev.data);
			if (ev.event && pred(ev)) return ev;
		}
	}
	return null;
}

test('another person\'s change reaches the open page at once', async () => {
	await u.login('suzuki');
	await v.login('sato');
	eq((await u.req('POST', '/api/projects',
		{name: 'live', user_org: 'U', vendor_org: 'V', side: 'user'})).status, 201, 'create');
	eq((await u.registerKey('live', uk)).status, 201, 'key');
	eq((await u.signed('POST', P + '/members',
		{person: 'sato', side: 'vendor', role: 'lead', name: 'Sato'}, uk)).status, 201, 'member');
	eq((await v.registerKey('live', vk)).status, 201, 'vendor key');
	const res = await fetch(srv.url + P + '/events', {headers: {Cookie: u.cookie}});
	eq(res.status, 200, 'stream opened');
	ok(res.headers.get('content-type').startsWith('text/event-stream'), 'event stream');
	ok(res.headers.get('content-security-policy'), 'security headers on the stream too');
	const reader = res.body.getReader();
	const first = await until(reader, (e) => e.event === 'head', 3000);
	ok(first && first.data.seq === 4, `the current head first: ${JSON.stringify(first)}`);
	const t0 = Date.now();
	eq((await u.signed('POST', P + '/draft', {}, uk)).status, 201, 'a change');
	const next = await until(reader, (e) => e.event === 'head' && e.data.seq > 4, 3000);
	ok(next, 'the new head arrived');
	ok(Date.now() - t0 < 2500, `within the poll interval (${Date.now() - t0} ms)`);
	await reader.cancel();
});

test('a stream of a project one is not in is not found', async () => {
	const o = new Client(srv.url);
	await o.login('outsider');
	const r = await fetch(srv.url + P + '/events', {headers: {Cookie: o.cookie}});
	eq(r.status, 404, 'not a member');
	await r.text();
});

await main(() => srv.stop());
