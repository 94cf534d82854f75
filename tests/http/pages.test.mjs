// Pages from the cache: every session gets its own CSRF token in the same
// cached page, a page of a project one is not in is the same not-found page
// as a project that does not exist.
import {Client, demoDb, eq, main, newKey, ok, run, startServer, test, tmpdir} from './lib.mjs';

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

// The signed forms each role may use, and no other: a form is on a page for
// the roles the rule book lets make its change (docs/permissions.md).
const clients = {};
async function as(login) {
	if (!clients[login]) {
		clients[login] = new Client(srv.url);
		eq((await clients[login].login(login)).status, 201, `${login} logs in`);
	}
	return clients[login];
}
async function forms(login, url) {
	const r = await (await as(login)).req('GET', url);
	eq(r.status, 200, `${login} ${url}`);
	return {ids: new Set([...r.text.matchAll(/<form id="([^"]+)"/g)].map((m) => m[1])), text: r.text};
}
function has(page, id, yes, what) {
	ok(page.ids.has(id) === yes, `${what}: ${id} ${yes ? 'shown' : 'not shown'} (forms: ${[...page.ids].join(' ')})`);
}

test('the negotiation page: each register\'s form for the roles that may record it', async () => {
	const NEGO = ['nda-form', 'standard-form', 'law-form', 'retention-form', 'diagnosis-form'];
	const want = {
		suzuki: ['nda-form', 'standard-form', 'law-form', 'retention-form', 'diagnosis-form'],
		tanaka: ['standard-form', 'law-form', 'retention-form'],
		yamada: [],
		yoshida: ['diagnosis-form'],
		kobayashi: [],
		hayashi: [],
		sato: ['diagnosis-form'],
		ito: [],
		kimura: ['diagnosis-form'],
	};
	for (const [login, ids] of Object.entries(want)) {
		const page = await forms(login, '/p/demo/negotiation');
		for (const id of NEGO)
			has(page, id, ids.includes(id), login);
		// the demo's vendor is selected: candidates come before the selection
		has(page, 'candidate-form', false, login);
		has(page, 'vendor-form', false, login);
	}
	const lead = await forms('suzuki', '/p/demo/negotiation');
	has(lead, 'candidate-doc-form', true, 'suzuki (the demo has candidates)');
	has(await forms('tanaka', '/p/demo/negotiation'), 'candidate-doc-form', false, 'tanaka');
	ok(/<option value="vendor">/.test(lead.text), 'an NDA with the vendor once one is named');
	ok(/id="dg-file"[^>]*data-document="report"/.test(lead.text), 'the report is hashed in the browser');
	ok(/<label for="rt-period">/.test(lead.text) && /<label [^>]*for="lw-a-0"/.test(lead.text),
		'the fields are labelled');
});

test('candidates and the vendor selection: the user lead only, before a vendor is named', async () => {
	const u = await as('suzuki'), key = newKey();
	eq((await u.req('POST', '/api/projects', {name: 'sel', user_org: 'U', side: 'user'})).status,
		201, 'a project without a vendor');
	eq((await u.registerKey('sel', key)).status, 201, 'key');
	eq((await u.signed('POST', '/api/projects/sel/members',
		{person: 'tanaka', side: 'user', role: 'member'}, key)).status, 201, 'tanaka added');
	let page = await forms('suzuki', '/p/sel/negotiation');
	has(page, 'candidate-form', true, 'suzuki, no candidate yet');
	has(page, 'vendor-form', false, 'suzuki, nobody to select');
	has(page, 'nda-form', false, 'suzuki, nobody to sign an NDA with');
	eq((await u.signed('POST', '/api/projects/sel/candidates', {id: 'acme', org: 'Acme'}, key)).status,
		201, 'a candidate');
	page = await forms('suzuki', '/p/sel/negotiation');
	for (const id of ['candidate-form', 'candidate-doc-form', 'nda-form', 'vendor-form'])
		has(page, id, true, 'suzuki');
	page = await forms('tanaka', '/p/sel/negotiation');
	for (const id of ['candidate-form', 'candidate-doc-form', 'nda-form', 'vendor-form'])
		has(page, id, false, 'tanaka');
	has(page, 'standard-form', true, 'tanaka');
	has(page, 'law-form', false, 'tanaka: no asset to bind yet');
});

test('removing a member: a lead, for the people of their own side but themselves', async () => {
	const user = await forms('suzuki', '/p/demo/members');
	has(user, 'remove-form', true, 'suzuki');
	const opts = (t) => [...(/<select id="rm-person"[^]*?<\/select>/.exec(t) || [''])[0]
		.matchAll(/<option value="([^"]+)"/g)].map((m) => m[1]);
	const mine = opts(user.text);
	ok(mine.includes('tanaka') && mine.includes('yamada'), `the user side: ${mine}`);
	ok(!mine.includes('suzuki') && !mine.includes('sato'), `not oneself nor the vendor side: ${mine}`);
	const vendor = opts((await forms('sato', '/p/demo/members')).text);
	ok(vendor.includes('ito') && !vendor.includes('tanaka'), `sato removes his side only: ${vendor}`);
	ok(/id="remove-form"[^>]*data-method="DELETE"/.test(user.text), 'sent as DELETE');
	for (const login of ['tanaka', 'yamada', 'kobayashi', 'ito'])
		has(await forms(login, '/p/demo/members'), 'remove-form', false, login);
});

test('revoking a key: its holder, or the lead of the holder\'s side', async () => {
	const tk = newKey();
	eq((await (await as('tanaka')).registerKey('demo', tk)).status, 201, 'tanaka\'s key');
	for (const login of ['tanaka', 'suzuki']) {
		const page = await forms(login, '/p/demo/keys');
		has(page, 'revoke-form', true, login);
		ok(page.text.includes(`<option value="${tk.fingerprint}">`), `${login} may revoke tanaka's key`);
	}
	for (const login of ['sato', 'yamada'])
		has(await forms(login, '/p/demo/keys'), 'revoke-form', false, login);
});

test('the step: a lead of either side moves it from the overview', async () => {
	for (const login of ['suzuki', 'sato'])
		has(await forms(login, '/p/demo'), 'phase-form', true, login);
	for (const login of ['tanaka', 'yamada', 'kobayashi', 'ito'])
		has(await forms(login, '/p/demo'), 'phase-form', false, login);
});

test('every form on every page is closed, and no form sits inside another', async () => {
	const pages = ['', '/members', '/keys', '/decisions', '/approvals', '/milestones', '/evidence',
		'/assets', '/minutes', '/changes', '/negotiation', '/coverage', '/documents', '/components',
		'/acceptance'];
	for (const login of ['suzuki', 'sato', 'tanaka'])
		for (const tail of pages) {
			const r = await (await as(login)).req('GET', '/p/demo' + tail);
			eq(r.status, 200, `${login} /p/demo${tail}`);
			let depth = 0;
			for (const m of r.text.matchAll(/<(\/?)form\b/g)) {
				depth += m[1] ? -1 : 1;
				ok(depth === 0 || depth === 1, `${login} /p/demo${tail}: a form inside a form`);
			}
			eq(depth, 0, `${login} /p/demo${tail}: every <form> has its </form>`);
		}
});

test('a target system: the user side\'s lead and members record one, from the assets page', async () => {
	for (const login of ['suzuki', 'tanaka'])
		has(await forms(login, '/p/demo/assets'), 'system-form', true, login);
	for (const login of ['sato', 'ito', 'yamada', 'kobayashi'])
		has(await forms(login, '/p/demo/assets'), 'system-form', false, login);
	const page = await forms('suzuki', '/p/demo/assets');
	ok(/<label for="sy-p-0">/.test(page.text) && /data-policy="authentication"/.test(page.text),
		'each policy of the catalog, labelled');
	ok(page.text.indexOf('id="system-form"') < page.text.indexOf('id="asset-form"'),
		'the system before the asset that names it');
});

test('the rules version: a lead proposes a move, the other side\'s lead accepts it', async () => {
	// the demo is under the newest rules: nothing to move
	for (const login of ['suzuki', 'sato'])
		has(await forms(login, '/p/demo'), 'rules-form', false, login);
	const u = await as('suzuki');
	run(['--db', db, 'project', 'create', 'old3', '--rules', '3', '--user', 'U', '--vendor', 'V',
		'--by', 'suzuki', '--side', 'user']);
	run(['--db', db, 'member', 'add', 'old3', 'sato', '--side', 'vendor', '--role', 'lead',
		'--by', 'suzuki']);
	const uk = newKey();
	eq((await u.registerKey('old3', uk)).status, 201, 'suzuki\'s key');
	let page = await forms('suzuki', '/p/old3');
	has(page, 'rules-form', true, 'suzuki');
	ok(/<option value="6" selected>6<\/option>/.test(page.text), 'to the newest by default');
	eq((await u.signed('POST', '/api/projects/old3/rules', {to: 6}, uk)).status, 201, 'proposed');
	has(await forms('suzuki', '/p/old3'), 'rules-form', false, 'the proposer waits');
	page = await forms('sato', '/p/old3');
	has(page, 'rules-form', true, 'sato may accept');
	ok(/name="to" value="0"/.test(page.text), 'accepting is the move to 0');
	const s = await as('sato'), sk = newKey();
	eq((await s.registerKey('old3', sk)).status, 201, 'sato\'s key');
	eq((await s.signed('POST', '/api/projects/old3/rules', {to: 0}, sk)).status, 201, 'accepted');
	eq((await s.req('GET', '/api/projects/old3/rules')).json.rules, 6, 'now under rules 6');
	has(await forms('sato', '/p/old3'), 'rules-form', false, 'nothing more to move');
});

// Every signed form sends only what its route takes: each field of each form
// on each page, for the roles that see it, is a property of the request body
// the OpenAPI document gives for the form's method and path.
test('every signed form\'s fields are fields of its route', async () => {
	const api = (await (await as('suzuki')).req('GET', '/api/openapi.json')).json;
	const props = (method, url) => {
		const path = url.replace(/^\/api\/projects\/[^/]+/, '/api/projects/{p}');
		for (const [tmpl, ops] of Object.entries(api.paths)) {
			const re = new RegExp('^' + tmpl.replace(/[.*+?^$()|[\]\\]/g, '\\$&')
				.replace(/\\\{[^}]+\\\}|\{[^}]+\}/g, '[^/]+') + '$');
			if (!re.test(path) && tmpl !== path) continue;
			const op = ops[method.toLowerCase()];
			if (!op) continue;
			const schema = op.requestBody?.content?.['application/json']?.schema;
			return new Set(Object.keys(schema?.properties || {}));
		}
		return null;
	};
	let checked = 0, fields = 0;
	const pages = ['', '/members', '/keys', '/decisions', '/approvals', '/milestones', '/assets',
		'/minutes', '/changes', '/negotiation', '/coverage', '/components', '/acceptance'];
	for (const login of ['suzuki', 'sato', 'tanaka', 'yamada'])
		for (const tail of pages) {
			const text = (await (await as(login)).req('GET', '/p/demo' + tail)).text;
			for (const m of text.matchAll(/<form id="([^"]+)"[^>]*?(?: data-method="([A-Z]+)")? data-url="([^"]+)">([\s\S]*?)<\/form>/g)) {
				const [, id, method = 'POST', url, inner] = m;
				const want = props(method, url.replace(/&amp;/g, '&'));
				ok(want, `${tail} ${id}: ${method} ${url} is a route`);
				if (!want) continue;
				const names = new Set();
				for (const f of inner.matchAll(/<(?:input|select|textarea)\b([^>]*)>/g)) {
					const a = f[1];
					const name = /\bname="([^"]+)"/.exec(a)?.[1];
					if (/\bdata-answer=/.test(a)) { names.add('answer_ids'); names.add('answers'); }
					if (/\bdata-policy=/.test(a)) { names.add('policies'); names.add('implementations'); }
					const doc = /\bdata-document="([^"]+)"/.exec(a)?.[1];
					if (doc) ['name', 'sha256', 'size'].forEach((k) => names.add(`${doc}_${k}`));
					if (name && !/\bdata-path\b/.test(a) && !/type="submit"/.test(a) && name !== 'bulk')
						names.add(name);
				}
				for (const n of names) {
					ok(want.has(n), `${login} ${tail || '/'} ${id}: field ${n} is one ${method} ${url} takes`);
					fields++;
				}
				checked++;
			}
		}
	ok(checked >= 20 && fields >= 100, `${checked} forms and ${fields} fields checked`);
	console.log(`# ${checked} forms, ${fields} fields checked against the OpenAPI document`);
});

test('contract terms, the terms of re-estimation and a technique\'s scores: who sees the form', async () => {
	for (const login of ['suzuki', 'sato'])
		has(await forms(login, '/p/demo/negotiation'), 'contract-form', true, login);
	for (const login of ['tanaka', 'yamada', 'ito'])
		has(await forms(login, '/p/demo/negotiation'), 'contract-form', false, login);
	for (const login of ['suzuki', 'sato'])
		has(await forms(login, '/p/demo/coverage'), 'threat-form', true, login);
	for (const login of ['tanaka', 'yamada', 'ito'])
		has(await forms(login, '/p/demo/coverage'), 'threat-form', false, login);
	const acked = /Acknowledged by|了承/.test((await forms('suzuki', '/p/demo/negotiation')).text);
	for (const login of ['suzuki', 'yamada'])
		has(await forms(login, '/p/demo/negotiation'), 'terms-form', !acked, login);
	for (const login of ['sato', 'tanaka'])
		has(await forms(login, '/p/demo/negotiation'), 'terms-form', false, login);
});

test('change requests: the next step\'s form for the side and role that take it', async () => {
	const cli = (...a) => run(['--db', db, ...a]);
	cli('project', 'create', 'up', '--catalog-version', '1.0.0', '--user', 'U', '--vendor', 'V',
		'--by', 'suzuki', '--side', 'user');
	cli('member', 'add', 'up', 'sato', '--side', 'vendor', '--role', 'lead', '--by', 'suzuki');
	cli('member', 'add', 'up', 'ito', '--side', 'vendor', '--role', 'member', '--by', 'sato');
	cli('member', 'add', 'up', 'yamada', '--side', 'user', '--role', 'management', '--by', 'suzuki');
	cli('spec', 'draft', 'up', '--by', 'suzuki');
	cli('decide', 'up', '--section', 'default', '--policy', 'implement', '--by', 'suzuki');
	cli('project', 'upgrade', 'up', '--to', '1.1.0', '--by', 'suzuki');
	// open: the vendor side assesses it
	for (const login of ['sato', 'ito'])
		has(await forms(login, '/p/up/changes'), 'change-assess-0', true, login);
	for (const login of ['suzuki', 'yamada'])
		has(await forms(login, '/p/up/changes'), 'change-assess-0', false, login);
	let page = await forms('ito', '/p/up/changes');
	ok(/id="change-assess-0"[^>]*data-url="\/api\/projects\/up\/changes\/\{id\}\/assess"/.test(page.text)
		&& /name="id" data-path value="CR-0001"/.test(page.text), 'the request\'s own route');
	// assessed without a re-estimate: the user side decides
	cli('change', 'assess', 'up', 'CR-0001', '--note', 'no impact', '--reestimate', 'none', '--by', 'ito');
	for (const login of ['suzuki', 'yamada'])
		has(await forms(login, '/p/up/changes'), 'change-decide-0', true, login);
	has(await forms('sato', '/p/up/changes'), 'change-decide-0', false, 'sato');
	// re-estimated: the user side's management only
	cli('change', 'assess', 'up', 'CR-0002', '--note', 'costs more', '--reestimate', 'cost', '--by', 'ito');
	has(await forms('yamada', '/p/up/changes'), 'change-decide-1', true, 'yamada');
	has(await forms('suzuki', '/p/up/changes'), 'change-decide-1', false, 'suzuki');
	// decided: a lead closes it, through the form's route, signed
	cli('change', 'decide', 'up', 'CR-0001', '--note', 'go ahead', '--by', 'suzuki');
	for (const login of ['suzuki', 'sato'])
		has(await forms(login, '/p/up/changes'), 'change-close-0', true, login);
	has(await forms('ito', '/p/up/changes'), 'change-close-0', false, 'ito');
	const s = await as('sato'), sk = newKey();
	eq((await s.registerKey('up', sk)).status, 201, 'sato\'s key');
	eq((await s.signed('POST', '/api/projects/up/changes/CR-0001/close', {note: 'done'}, sk)).status,
		201, 'closed');
	page = await forms('sato', '/p/up/changes');
	has(page, 'change-close-0', false, 'nothing more to do');
	ok(JSON.parse(run(['--db', db, '--json', 'log', 'verify', 'up'])).ok, 'the log verifies');
});

await main(() => srv.stop());
