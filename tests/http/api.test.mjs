// The negotiation, assessment and minutes through the API, each a change
// signed by its person: the records appear in the project's reads, and the
// log verifies with the CLI.
import crypto from 'node:crypto';
import {Client, demoDb, eq, main, newKey, ok, run, startServer, test, tmpdir} from './lib.mjs';

const dir = tmpdir('api');
const db = demoDb(dir, {demo: false, accounts: ['suzuki', 'sato', 'yamada']});
const srv = await startServer(db);
const u = new Client(srv.url), v = new Client(srv.url), m = new Client(srv.url);
const uk = newKey(), vk = newKey(), mk = newKey();
const P = '/api/projects/neg';
const sha = (s) => crypto.createHash('sha256').update(s).digest('hex');

async function must(r, status, what) {
	if (r.status !== status)
		throw new Error(`${what}: ${r.status} ${r.text}`);
	return r.json;
}

test('a project without a vendor: candidates, NDA, selection', async () => {
	await u.login('suzuki');
	await v.login('sato');
	await m.login('yamada');
	await must(await u.req('POST', '/api/projects', {name: 'neg', user_org: 'U', side: 'user'}),
		201, 'create without a vendor');
	await must(await u.registerKey('neg', uk), 201, 'key');
	await must(await u.signed('POST', P + '/candidates', {id: 'c1', org: 'V社'}, uk), 201,
		'candidate');
	await must(await u.signed('POST', P + '/candidates/c1/documents', {kind: 'rfp',
		document_name: 'rfp.pdf', document_sha256: sha('rfp'), document_size: 3}, uk), 201,
		'candidate document');
	await must(await u.signed('POST', P + '/ndas', {party: 'c1', date: '2026-11-01',
		document_name: 'nda.pdf', document_sha256: sha('nda'), document_size: 3}, uk), 201, 'nda');
	await must(await u.signed('POST', P + '/vendor', {candidate: 'c1', reason: 'best offer'}, uk),
		201, 'vendor select');
	await must(await u.signed('POST', P + '/members',
		{person: 'sato', side: 'vendor', role: 'lead', name: 'Sato'}, uk), 201, 'vendor lead');
	await must(await u.signed('POST', P + '/members',
		{person: 'yamada', side: 'user', role: 'management', name: 'Yamada'}, uk), 201, 'mgmt');
	await must(await v.registerKey('neg', vk), 201, 'vendor key');
	await must(await m.registerKey('neg', mk), 201, 'management key');
	const n = await must(await u.req('GET', P + '/negotiation'), 200, 'negotiation');
	eq(n.vendor.selected.candidate, 'c1', 'selected');
});

test('proposals, answers and costs', async () => {
	await must(await v.signed('POST', P + '/proposals', {kind: 'warning', title: 'WAF',
		text: 'put a WAF in front of the public site'}, vk), 201, 'proposal');
	await must(await u.signed('POST', P + '/proposals/P-0001/answer',
		{answer: 'decline', reason: 'budget'}, uk), 201, 'answer');
	await must(await v.signed('POST', P + '/costs', {on: 'proposal', ref: 'P-0001',
		bearer: 'user', basis: 'requested by the user', amount: 100000, currency: 'JPY'}, vk),
		201, 'cost');
	await must(await m.signed('POST', P + '/costs/approval',
		{on: 'proposal', ref: 'P-0001', verdict: 'approve'}, mk), 201, 'cost approval');
	const n = await must(await u.req('GET', P + '/negotiation'), 200, 'negotiation');
	eq(n.proposals[0].answer.answer, 'decline', 'the answer is recorded');
	ok(n.costs.length === 1, 'one cost');
});

test('a vendor may not answer its own proposal; the rule book says why', async () => {
	const r = await v.signed('POST', P + '/proposals/P-0001/answer',
		{answer: 'adopt', supersede: true}, vk);
	ok(r.status === 403 || r.status === 422, `refused (${r.status})`);
	ok(r.json && r.json.error, 'with a message');
});

test('standards, laws, systems, assets and minutes', async () => {
	await must(await u.signed('POST', P + '/standards',
		{standard: 'asvs', version: '4.0.3', level: 2}, uk), 201, 'standard');
	await must(await u.signed('POST', P + '/systems', {name: 'crm', devices: ['web01'],
		policies: ['authentication'], implementations: ['SSO with MFA']}, uk), 201, 'system');
	await must(await u.signed('POST', P + '/assets', {id: 'customers', kind: 'custom',
		label: 'customer data', name: 'customer master', system: 'crm', duration: 2, reach: 3,
		damage: 3, trust: 3}, uk), 201, 'asset');
	await must(await u.signed('POST', P + '/laws', {id: 'appi', title: '個人情報保護法',
		kind: 'law', assets: ['customers'], review_by: '2027-04-01'}, uk), 201, 'law');
	await must(await u.signed('POST', P + '/minutes', {date: '2026-12-01', title: 'kickoff',
		attendees: ['suzuki', 'sato'], topics: ['scope']}, uk), 201, 'minutes');
	const a = await must(await u.req('GET', P + '/assets'), 200, 'assets');
	eq(a.length, 1, 'one asset');
	const mins = await must(await u.req('GET', P + '/minutes'), 200, 'minutes');
	eq(mins.length, 1, 'one minutes');
	const missing = await u.req('GET', P + '/attachments/' + sha('none'));
	eq(missing.status, 404, 'an attachment the project does not have is not found');
});

test('mismatched lists and bad documents are refused before the library', async () => {
	const r = await u.signed('POST', P + '/systems', {name: 'x', policies: ['a', 'b'],
		implementations: ['one']}, uk);
	eq(r.status, 400, 'policies/implementations');
	const d = await u.signed('POST', P + '/candidates/c1/documents', {kind: 'rfp',
		document_name: 'x', document_sha256: 'nothex', document_size: 1}, uk);
	eq(d.status, 400, 'document hash');
});

test('the log written through the API verifies with the CLI', async () => {
	const out = JSON.parse(run(['--db', db, '--json', 'log', 'verify', 'neg']));
	ok(out.ok, 'verified');
	eq(out.unsigned, 1, 'only the creation is unsigned');
});

await main(() => srv.stop());
