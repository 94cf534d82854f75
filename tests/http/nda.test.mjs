// The NDA gate on every answer: the vendor side reads the details the user
// side discloses only under an NDA (assets, systems, the negotiation's
// components, attachments) once one is in force; the specification it
// reads meanwhile has them withheld.
import crypto from 'node:crypto';
import {Client, demoDb, eq, main, newKey, ok, startServer, test, tmpdir} from './lib.mjs';

const dir = tmpdir('nda');
const db = demoDb(dir, {demo: false, accounts: ['suzuki', 'sato']});
const srv = await startServer(db);
const u = new Client(srv.url), v = new Client(srv.url);
const uk = newKey();
const P = '/api/projects/nda';

test('without an NDA the vendor side gets no details', async () => {
	await u.login('suzuki');
	await v.login('sato');
	eq((await u.req('POST', '/api/projects',
		{name: 'nda', user_org: 'U', vendor_org: 'V', side: 'user'})).status, 201, 'create');
	eq((await u.registerKey('nda', uk)).status, 201, 'key');
	eq((await u.signed('POST', P + '/members',
		{person: 'sato', side: 'vendor', role: 'lead', name: 'Sato'}, uk)).status, 201, 'm');
	eq((await u.signed('POST', P + '/systems', {name: 'crm', devices: ['db01']}, uk)).status,
		201, 'system');
	eq((await u.req('GET', P + '/systems')).status, 200, 'the user side reads it');
	for (const path of ['/systems', '/assets', '/negotiation']) {
		const r = await v.req('GET', P + path);
		eq(r.status, 403, `vendor ${path}`);
		ok(/NDA/.test(r.json.error), 'says why');
	}
	const page = await v.req('GET', '/p/nda/assets');
	eq(page.status, 403, 'the assets page too');
	ok(page.headers.get('content-type').startsWith('text/html') && /NDA/.test(page.text),
		'as a page that says why');
	// the log: every event, with the details withheld from the data; the
	// stored events (what sync copies, every byte) not at all
	const log = await v.req('GET', P + '/log');
	eq(log.status, 200, 'the vendor reads the log');
	eq(log.json.withheld, {until: 'nda'}, 'the log says what is withheld');
	const sys = log.json.events.find((e) => e.type === 'system.set');
	eq([sys.data.name, sys.data.devices, sys.withheld], ['crm', null,
		['devices', 'measures']], 'a system\'s devices withheld, its name not');
	ok(/^[0-9a-f]{64}$/.test(sys.hash), 'the event keeps its hash');
	const ulog = await u.req('GET', P + '/log');
	eq([ulog.json.withheld, ulog.json.events.find((e) => e.type === 'system.set').data.devices],
		[undefined, ['db01']], 'the user side reads the whole log');
	const ev = await v.req('GET', P + '/log/events?from=1&limit=5');
	eq(ev.status, 403, 'the stored events need an NDA');
	ok(/NDA/.test(ev.json.error), 'says why');
	eq((await u.req('GET', P + '/log/events?from=1&limit=5')).status, 200, 'user side copies');
	eq((await v.req('GET', P + '/evidence')).status, 403, 'the evidence bundle needs one too');
	eq((await v.req('GET', P + '/log/head')).status, 200, 'the head does not');
	// the Excel checklist and the OSCAL plan are the same reader's view
	const xlsx = await v.req('GET', P + '/spec?format=xlsx&doclang=en');
	eq(xlsx.status, 200, 'the checklist');
	ok(xlsx.headers.get('content-type').startsWith(
		'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet') &&
		xlsx.text.startsWith('PK'), 'as a workbook');
	const ssp = await v.req('GET', P + '/spec?format=oscal-ssp&doclang=en');
	eq(ssp.status, 200, 'the OSCAL plan');
	eq(ssp.json['system-security-plan']['system-implementation'].components
		.find((c) => c.title === 'crm').description, '(withheld until an NDA is recorded)',
	'with the system\'s devices withheld');
	const spec = await v.req('GET', P + '/spec');
	eq(spec.status, 200, 'the specification is readable');
	ok(spec.json.withheld && spec.json.withheld.until === 'nda', 'with the details withheld');
});

test('once the NDA is recorded, the same reads answer', async () => {
	const sha = crypto.createHash('sha256').update('nda').digest('hex');
	eq((await u.signed('POST', P + '/ndas', {party: 'vendor', date: '2026-01-05',
		document_name: 'nda.pdf', document_sha256: sha, document_size: 3}, uk)).status, 201,
	'NDA recorded');
	const r = await v.req('GET', P + '/systems');
	eq(r.status, 200, 'the vendor reads the systems');
	eq(r.json[0].devices[0], 'db01', 'with their details');
	const log = await v.req('GET', P + '/log');
	eq([log.json.withheld, log.json.events.find((e) => e.type === 'system.set').data.devices],
		[undefined, ['db01']], 'the whole log');
	eq((await v.req('GET', P + '/log/events?from=1&limit=5')).status, 200, 'the stored events');
	eq((await v.req('GET', P + '/evidence')).status, 200, 'the evidence bundle');
});

await main(() => srv.stop());
