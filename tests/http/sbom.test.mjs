// Components and vulnerabilities over the web (rules 5): the SBOM the
// vendor disclosed (imported with the command line), the findings of the
// advisories held, the register and its signed steps. A non-member gets the
// answer of a project that does not exist; the user side cannot record the
// vendor's analysis; a signed analysis lands in the log, which verifies.
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {Client, demoDb, eq, main, newKey, ok, run, startServer, test, tmpdir} from './lib.mjs';

const dir = tmpdir('sbom');
const db = demoDb(dir, {demo: false, accounts: ['suzuki', 'sato', 'ito', 'tanaka', 'yamada']});
const cli = (...a) => run(['--db', db, ...a]);
// the shared data beside the checkout (../shared/data)
const SHARED = fileURLToPath(new URL('../../../shared/data/', import.meta.url));
const SPDX = path.join(SHARED, 'sbom/spdx/SPDXJSONExample-v2.3.spdx.json');
const SPDX_TV = path.join(SHARED, 'sbom/spdx/SPDXTagExample-v2.3.spdx');
if (!fs.existsSync(SPDX)) {
	console.log(`# skipped: ${SPDX} is not here`);
	process.exit(77);
}
// a project under the newest rules, its members, an SBOM and an advisory
// that touches one of its components (Jena 3.12.0), all from the CLI
cli('project', 'create', 'p', '--user', 'U', '--vendor', 'V', '--by', 'suzuki', '--side', 'user');
cli('member', 'add', 'p', 'sato', '--side', 'vendor', '--role', 'lead', '--by', 'suzuki');
cli('member', 'add', 'p', 'ito', '--side', 'vendor', '--role', 'member', '--by', 'sato');
cli('member', 'add', 'p', 'tanaka', '--side', 'user', '--role', 'member', '--by', 'suzuki');
cli('member', 'add', 'p', 'yamada', '--side', 'user', '--role', 'management', '--by', 'suzuki');
cli('sbom', 'import', 'p', SPDX, '--by', 'sato');
cli('sbom', 'import', 'p', SPDX_TV, '--by', 'sato'); // the same in tag-value: version 2
fs.writeFileSync(path.join(dir, 'osv.json'), JSON.stringify({
	id: 'GHSA-jena-0001', modified: '2024-01-01T00:00:00Z', aliases: ['CVE-2099-0001'],
	summary: '<b>XXE</b> in Jena',
	affected: [{package: {ecosystem: 'Maven', name: 'org.apache.jena:apache-jena'},
		ranges: [{type: 'ECOSYSTEM', events: [{introduced: '0'}, {fixed: '3.17.0'}]}]}],
}));
cli('vuln', 'import', 'osv', path.join(dir, 'osv.json'));
const srv = await startServer(db);
const P = '/api/projects/p';
const clients = {}, keys = {};
async function as(login) {
	if (!clients[login]) {
		clients[login] = new Client(srv.url);
		eq((await clients[login].login(login)).status, 201, `${login} logs in`);
	}
	return clients[login];
}
const log = () => JSON.parse(cli('--json', 'log', 'p')).events;
const JENA = 'SPDXRef-fromDoap-0', VULN = 'CVE-2099-0001';

test('setup: keys for the people who sign', async () => {
	for (const who of ['suzuki', 'sato', 'tanaka', 'yamada']) {
		keys[who] = newKey();
		eq((await (await as(who)).registerKey('p', keys[who])).status, 201, `${who}'s key`);
	}
});

test('the SBOM versions, one version, latest, and a diff', async () => {
	const c = await as('tanaka');
	const v = await c.req('GET', P + '/sbom');
	eq(v.status, 200, 'versions');
	eq(v.json.map((x) => [x.sbom, x.components, x.format, x.by]), [[1, 9, 'spdx', 'sato'],
		[2, 9, 'spdx', 'sato']], 'two SBOM versions');
	const latest = await c.req('GET', P + '/sbom/latest');
	const one = await c.req('GET', P + '/sbom/2');
	eq([latest.status, one.status], [200, 200], 'shown');
	eq(latest.json, one.json, 'latest is version 2');
	eq((await c.req('GET', P + '/sbom/1')).json.sbom, 1, 'version 1');
	const jena = one.json.components.find((x) => x.ref === JENA);
	eq([jena.name, jena.version, jena.purl], ['Jena', '3.12.0', 'pkg:maven/org.apache.jena/apache-jena@3.12.0'],
		'a component');
	eq(one.json.components.length, 9, 'every component');
	ok(one.json.licences.licences.some((l) => l.id === 'Apache-2.0' && l.components === 2), 'the licences');
	ok(one.json.lacks && one.json.lacks.components.brought_by === 9, 'what the components lack');
	eq(one.json.policy, null, 'no policy yet');
	eq((await c.req('GET', P + '/sbom/3')).status, 404, 'no version 3');
	eq((await c.req('GET', P + '/sbom/x1')).status, 400, 'not a number');
	const d = await c.req('GET', P + '/sbom/diff?from=1&to=2');
	eq(d.status, 200, `diff ${d.text.slice(0, 200)}`);
	eq([d.json.from, d.json.to, d.json.added.length, d.json.removed.length], [1, 2, 0, 0],
		'nothing added or removed');
	eq((await c.req('GET', P + '/sbom/diff')).json, d.json, 'by default the newest against the one before');
});

test('the findings and the register', async () => {
	const c = await as('ito');
	const m = await c.req('GET', P + '/vulns/match');
	eq(m.status, 200, 'match');
	eq(m.json.findings.map((f) => [f.vuln, f.component, f.aliases]), [[VULN, JENA, ['GHSA-jena-0001']]],
		'the one finding');
	const r = await c.req('GET', P + '/vulns');
	eq([r.status, r.json.records], [200, []], 'nothing recorded yet');
	// the SBOM is the vendor's own disclosure: no NDA is needed to read it
	eq((await c.req('GET', P + '/sbom/latest')).status, 200, 'the vendor member reads the SBOM');
	ok((await c.req('GET', P + '/assets')).status !== 200, 'while the assets wait for an NDA');
});

test('not a member: the answer of a project that does not exist', async () => {
	const o = await as('outsider');
	for (const tail of ['/sbom', '/sbom/latest', '/sbom/1', '/sbom/diff?from=1&to=2', '/vulns',
		'/vulns/match']) {
		const mine = await o.req('GET', P + tail);
		const none = await o.req('GET', '/api/projects/no-such-project' + tail);
		eq([mine.status, mine.text], [none.status, none.text], `${tail}: the same answer`);
		eq(mine.status, 404, `${tail}: not found`);
	}
	const body = {vuln: VULN, component: JENA, state: 'affected', detail: 'x'};
	const mine = await o.req('POST', P + '/vulns/analysis', body);
	const none = await o.req('POST', '/api/projects/no-such-project/vulns/analysis', body);
	eq([mine.status, mine.text], [none.status, none.text], 'a signed step: the same answer');
	const page = await o.req('GET', '/p/p/components');
	eq(page.status, 404, 'the page');
});

test('the user side cannot record the vendor\'s analysis', async () => {
	const before = log().length;
	for (const who of ['suzuki', 'tanaka']) {
		const r = await (await as(who)).req('POST', P + '/vulns/analysis',
			{vuln: VULN, component: JENA, state: 'not_affected', justification: 'code_not_reachable',
				detail: 'not used', fingerprint: keys[who].fingerprint});
		ok([403, 422].includes(r.status), `${who}: refused (${r.status} ${r.text.slice(0, 200)})`);
		ok(r.json && r.json.code !== 'ENOTFOUND', `${who}: refused, not hidden`);
	}
	eq(log().length, before, 'nothing was appended');
});

test('a finding recorded as found, signed (202, then 201)', async () => {
	const c = await as('tanaka');
	const body = {vuln: VULN, component: JENA};
	const first = await c.req('POST', P + '/vulns/notice', {...body, fingerprint: keys.tanaka.fingerprint});
	eq(first.status, 202, `proposed: ${first.text.slice(0, 200)}`);
	const s = first.json.sign;
	const r = await c.req('POST', P + '/vulns/notice', {...body, time: s.time, fingerprint: s.fingerprint,
		signatures: s.bodies.map(keys.tanaka.sign)});
	eq(r.status, 201, `recorded: ${r.text.slice(0, 200)}`);
	const rec = (await c.req('GET', P + '/vulns')).json.records;
	eq(rec.map((x) => [x.vuln, x.component, x.status]), [[VULN, JENA, 'open']], 'in the register');
});

test('the vendor lead\'s analysis: 202 with the exact event, signed, 201, in the log', async () => {
	const c = await as('sato');
	const body = {vuln: VULN, component: JENA, state: 'affected', response: ['workaround_available'],
		detail: 'the XML parser is reachable; external entities can be switched off'};
	const before = log().length;
	const first = await c.req('POST', P + '/vulns/analysis', {...body, fingerprint: keys.sato.fingerprint});
	eq(first.status, 202, `proposed: ${first.text.slice(0, 300)}`);
	eq(log().length, before, 'a proposal writes nothing');
	const s = first.json.sign;
	eq(s.bodies.length, 1, 'one event to sign');
	const ev = JSON.parse(s.bodies[0]);
	eq(ev.type, 'vuln.analysis', 'the event\'s type');
	eq([ev.data.vuln, ev.data.component, ev.data.state, ev.data.response, ev.data.sbom],
		[VULN, JENA, 'affected', ['workaround_available'], 2], 'the event\'s data (the newest SBOM)');
	// a signature by another key does not pass
	const bad = await c.req('POST', P + '/vulns/analysis', {...body, time: s.time, fingerprint: s.fingerprint,
		signatures: s.bodies.map(newKey().sign)});
	eq(bad.status, 409, 'a foreign signature is refused');
	const r = await c.req('POST', P + '/vulns/analysis', {...body, time: s.time, fingerprint: s.fingerprint,
		signatures: s.bodies.map(keys.sato.sign)});
	eq(r.status, 201, `appended: ${r.text.slice(0, 300)}`);
	const events = log();
	eq(events.length, before + 1, 'one event appended');
	const last = events[events.length - 1];
	eq([last.type, last.actor, last.data.state, last.data.detail], ['vuln.analysis', 'sato', 'affected',
		body.detail], 'the log has the analysis');
	ok(last.key, 'signed with a key');
	const v = JSON.parse(cli('--json', 'log', 'verify', 'p'));
	ok(v.ok, `the log verifies: ${JSON.stringify(v.problems)}`);
	const rec = (await c.req('GET', P + '/vulns')).json.records[0];
	eq([rec.status, rec.analysis.state], ['analysed', 'affected'], 'the register shows it');
});

test('the user side accepts it (needs approval), management approves', async () => {
	// management cannot decide, the user member can
	const y = await (await as('yamada')).req('POST', P + '/vulns/decision',
		{vuln: VULN, component: JENA, verdict: 'accept', reason: 'r', fingerprint: keys.yamada.fingerprint});
	ok([403, 422].includes(y.status), `management does not decide: ${y.status}`);
	const d = await (await as('tanaka')).signed('POST', P + '/vulns/decision',
		{vuln: VULN, component: JENA, verdict: 'accept', reason: 'the workaround is applied'}, keys.tanaka);
	eq(d.status, 201, `decided: ${d.text.slice(0, 200)}`);
	let rec = (await clients.tanaka.req('GET', P + '/vulns')).json.records[0];
	eq(rec.status, 'awaiting-approval', 'an exploitable acceptance awaits management');
	const t = await clients.tanaka.req('POST', P + '/vulns/approval',
		{vuln: VULN, component: JENA, verdict: 'approved', fingerprint: keys.tanaka.fingerprint});
	ok([403, 422].includes(t.status), `a member does not approve: ${t.status}`);
	const a = await (await as('yamada')).signed('POST', P + '/vulns/approval',
		{vuln: VULN, component: JENA, verdict: 'approved', note: 'accepted for this release'}, keys.yamada);
	eq(a.status, 201, `approved: ${a.text.slice(0, 200)}`);
	rec = (await clients.yamada.req('GET', P + '/vulns')).json.records[0];
	eq([rec.status, rec.approval.verdict], ['accepted', 'approved'], 'accepted and approved');
	ok(JSON.parse(cli('--json', 'log', 'verify', 'p')).ok, 'the log verifies');
});

test('the licence policy: the user lead, signed', async () => {
	const s = await (await as('sato')).req('POST', P + '/sbom/policy',
		{allowed: ['Apache-2.0'], fingerprint: keys.sato.fingerprint});
	ok([403, 422].includes(s.status), `the vendor sets no policy: ${s.status}`);
	const r = await (await as('suzuki')).signed('POST', P + '/sbom/policy',
		{allowed: ['Apache-2.0'], denied: ['MPL-1.0'], default: 'review', reason: 'house rules'}, keys.suzuki);
	eq(r.status, 201, `policy: ${r.text.slice(0, 200)}`);
	const one = (await clients.suzuki.req('GET', P + '/sbom/latest')).json;
	eq([one.policy.allowed, one.policy.denied, one.policy.default], [['Apache-2.0'], ['MPL-1.0'], 'review'],
		'the policy in force');
	eq(one.licences.licences.find((l) => l.id === 'MPL-1.0').verdict, 'denied', 'its verdict');
});

// The page: what it shows, escaped, and each form for the side and role
// that may use it, with only the fields its route takes.
async function page(login, project = 'p') {
	const r = await (await as(login)).req('GET', `/p/${project}/components?lang=en`);
	eq(r.status, 200, `${login} /p/${project}/components`);
	return {ids: new Set([...r.text.matchAll(/<form id="([^"]+)"/g)].map((m) => m[1])), text: r.text};
}

test('the components page', async () => {
	const s = await page('sato');
	ok(s.text.includes('pkg:maven/org.apache.jena/apache-jena@3.12.0') && s.text.includes('Saxon'),
		'the components');
	ok(/<th scope="row" class="mono">MPL-1.0<\/th><td>1<\/td><td>denied<\/td>/.test(s.text),
		'the licence and the policy\'s verdict');
	ok(s.text.includes(VULN) && s.text.includes('accepted and approved'), 'the register');
	ok(s.text.includes('href="/p/p/components" aria-current="page"'), 'in the navigation');
	ok((await (await as('sato')).req('GET', '/p/p/components?lang=ja')).text.includes('<td>禁止</td>'), 'in Japanese');
	ok(s.ids.has('vuln-analysis-form'), 'the vendor lead analyses');
	ok(![...s.ids].some((i) => /^vuln-(decide|approve)/.test(i)), 'the vendor neither decides nor approves');
	ok(!(await page('tanaka')).ids.has('vuln-analysis-form'), 'the user side does not analyse');
	ok(!(await page('yamada')).ids.has('vuln-analysis-form'), 'nor management');
	// the licence policy: the user lead replaces the one in force
	const u = await page('suzuki');
	ok(u.ids.has('sbom-policy-form'), 'the user lead sets the licence policy');
	for (const who of ['tanaka', 'yamada', 'sato'])
		ok(!(await page(who)).ids.has('sbom-policy-form'), `${who} does not`);
	const sup = /name="supersedes" data-int value="(\d+)"/.exec(u.text);
	ok(sup && /id="sp-denied"[^>]*>MPL-1.0\n<\/textarea>/.test(u.text), 'the policy in force, to replace');
	const rp = await clients.suzuki.signed('POST', P + '/sbom/policy', {allowed: ['Apache-2.0', 'MPL-1.0'],
		default: 'denied', supersedes: Number(sup[1])}, keys.suzuki);
	eq(rp.status, 201, `replaced: ${rp.text.slice(0, 200)}`);
	eq((await clients.suzuki.req('GET', P + '/sbom/latest')).json.licences.licences
		.find((l) => l.id === 'MPL-1.0').verdict, 'allowed', 'the new policy in force');
	// a second finding, not in the register: escaped, with its notice form
	fs.writeFileSync(path.join(dir, 'osv2.json'), JSON.stringify({
		id: 'GHSA-jena-0002', modified: '2024-02-01T00:00:00Z', summary: '<script>alert(1)</script> & more',
		affected: [{package: {ecosystem: 'Maven', name: 'org.apache.jena:apache-jena'}, versions: ['3.12.0']}],
	}));
	cli('vuln', 'import', 'osv', path.join(dir, 'osv2.json'));
	const t = await page('tanaka');
	ok(t.text.includes('&lt;script&gt;alert(1)&lt;/script&gt; &amp; more') && !t.text.includes('<script>alert'),
		'the summary, escaped');
	const notice = (p) => [...p.ids].some((i) => /^vuln-notice-/.test(i));
	for (const who of ['tanaka', 'sato', 'ito', 'suzuki'])
		ok(notice(await page(who)), `${who} records a finding as found`);
	ok(!notice(await page('yamada')), 'management does not');
	// an analysis of the new finding: the user member then sees the decision form
	const a = await clients.sato.signed('POST', P + '/vulns/analysis', {vuln: 'GHSA-jena-0002',
		component: JENA, state: 'fixed', response: ['update'], detail: 'upgraded'}, keys.sato);
	eq(a.status, 201, `analysed: ${a.text.slice(0, 200)}`);
	const t2 = await page('tanaka');
	ok([...t2.ids].some((i) => /^vuln-decide-/.test(i)), 'the user member decides');
	ok(![...(await page('yamada')).ids].some((i) => /^vuln-decide-/.test(i)), 'management does not decide');
	ok(![...(await page('ito')).ids].some((i) => /^vuln-decide-/.test(i)), 'the vendor does not decide');
});

test('every form field of the page is a field of its route', async () => {
	const api = (await clients.suzuki.req('GET', '/api/openapi.json')).json;
	let forms = 0;
	for (const who of ['suzuki', 'sato', 'tanaka', 'yamada', 'ito']) {
		const {text} = await page(who);
		for (const m of text.matchAll(/<form id="([^"]+)"[^>]*? data-url="([^"]+)">([\s\S]*?)<\/form>/g)) {
			const [, id, url, inner] = m;
			const op = api.paths[url.replace(/^\/api\/projects\/[^/]+/, '/api/projects/{p}')]?.post;
			ok(op, `${id}: POST ${url} is a route`);
			const props = Object.keys(op?.requestBody?.content?.['application/json']?.schema?.properties || {});
			for (const f of inner.matchAll(/<(?:input|select|textarea)\b([^>]*)>/g)) {
				const name = /\bname="([^"]+)"/.exec(f[1])?.[1];
				if (name && !/type="submit"/.test(f[1]))
					ok(props.includes(name), `${who} ${id}: field ${name} is one the route takes`);
			}
			for (const b of inner.matchAll(/<button[^>]*name="([^"]+)"/g))
				ok(props.includes(b[1]), `${who} ${id}: button ${b[1]} is one the route takes`);
			forms++;
		}
	}
	ok(forms >= 5, `${forms} forms checked`);
});

test('a project without an SBOM: the page says how one is imported', async () => {
	cli('project', 'create', 'empty', '--user', 'U', '--vendor', 'V', '--by', 'suzuki', '--side', 'user');
	const e = await page('suzuki', 'empty');
	ok(/secspec sbom import/.test(e.text), 'the CLI import named');
	eq((await clients.suzuki.req('GET', '/api/projects/empty/sbom')).json, [], 'no versions');
});

await main(() => srv.stop());
