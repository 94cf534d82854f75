// Two people deciding at once lose nothing, and an edit made on a state that
// has moved is reported (409 with the events as they now are), never
// appended over the other person's change unseen.
import {Client, demoDb, eq, main, newKey, ok, run, startServer, test, tmpdir} from './lib.mjs';

const dir = tmpdir('conc');
const db = demoDb(dir, {demo: false, accounts: ['suzuki', 'tanaka']});
const srv = await startServer(db);
const a = new Client(srv.url), b = new Client(srv.url);
const ak = newKey(), bk = newKey();
const P = '/api/projects/conc';
let items = [];

test('setup: two members of the user side with keys', async () => {
	await a.login('suzuki');
	await b.login('tanaka');
	eq((await a.req('POST', '/api/projects',
		{name: 'conc', user_org: 'U', vendor_org: 'V', side: 'user'})).status, 201, 'create');
	eq((await a.registerKey('conc', ak)).status, 201, 'key a');
	eq((await a.signed('POST', P + '/members',
		{person: 'tanaka', side: 'user', role: 'member', name: 'Tanaka'}, ak)).status, 201, 'm');
	eq((await b.registerKey('conc', bk)).status, 201, 'key b');
	eq((await a.signed('POST', P + '/draft', {}, ak)).status, 201, 'draft');
	items = (await a.req('GET', P + '/requirements?section=secure-coding')).json.map((r) => r.id);
	ok(items.length >= 20, 'items to decide');
});

test('two people deciding at once: every decision is in the log', async () => {
	// each signs on a possibly stale state and signs again on 409, as the page does
	async function decideAll(c, key, list) {
		for (const item of list) {
			let r = await c.req('POST', P + '/decisions',
				{item, policy: 'implement', fingerprint: key.fingerprint});
			for (let i = 0; i < 100 && (r.status === 202 || r.status === 409); i++) {
				if (!r.json.sign) throw new Error(`${r.status} ${JSON.stringify(r.json)}`);
				const s = r.json.sign;
				r = await c.req('POST', P + '/decisions', {item, policy: 'implement',
					time: s.time, fingerprint: s.fingerprint, signatures: s.bodies.map(key.sign)});
			}
			eq(r.status, 201, `decision on ${item}`);
		}
	}
	const half = Math.floor(items.length / 2);
	await Promise.all([decideAll(a, ak, items.slice(0, half)),
		decideAll(b, bk, items.slice(half))]);
	const decided = (await a.req('GET', P + '/requirements?section=secure-coding&status=decided')).json;
	eq(decided.length, items.length, 'nothing lost');
	ok(JSON.parse(run(['--db', db, '--json', 'log', 'verify', 'conc'])).ok, 'the log verifies');
});

test('an edit signed before another person\'s change is reported, not appended', async () => {
	const item = items[0];
	// b proposes to accept the risk and signs; meanwhile a changes the same item
	const pb = await b.req('POST', P + '/decisions', {item, policy: 'na',
		reason: 'out of scope', fingerprint: bk.fingerprint});
	eq(pb.status, 202, 'b proposed');
	// a's event then carries a later second than b's proposal: b's signed
	// bodies cannot be appended after it (time order) and are made afresh
	await new Promise((res) => setTimeout(res, 1100));
	eq((await a.signed('POST', P + '/decisions', {item, policy: 'na',
		reason: 'not used here'}, ak)).status, 201, 'a changed it first');
	const s = pb.json.sign;
	const late = await b.req('POST', P + '/decisions', {item, policy: 'na', reason: 'out of scope',
		time: s.time, fingerprint: s.fingerprint, signatures: s.bodies.map(bk.sign)});
	eq(late.status, 409, 'b is told the state moved');
	ok(late.json.sign && late.json.sign.bodies.length === 1, 'with the events to sign now');
	const fresh = JSON.parse(late.json.sign.bodies[0]);
	ok(fresh.seq > JSON.parse(s.bodies[0]).seq, 'the fresh event comes after a\'s');
	ok(late.json.sign.time > s.time, 'at a time no earlier than a\'s');
	const req = (await a.req('GET', P + `/requirements?section=secure-coding&status=decided`))
		.json.find((r) => r.id === item);
	eq(req.reason, 'not used here', 'a\'s change stands until b signs again');
});

await main(() => srv.stop());
