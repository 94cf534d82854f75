// The authorization matrix: every route of GET /api/openapi.json × every
// kind of caller × the project it names (own, another one, a missing one).
// Each route has a rule below saying who may call it (and, for signed
// changes, whom the rule book of docs/permissions.md lets through); a route
// with no rule fails the test, so a route added later must be given one.
// Non-members get a 404 that is the same, byte for byte, as the one for a
// project that does not exist. The table is written to authz-matrix.tsv in
// the build directory.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {Client, DEMO, PASSWORD, demoDb, eq, main, newKey, ok, run, startServer, test, tmpdir, stopsCleanly} from './lib.mjs';

const dir = tmpdir('authz');
const db = demoDb(dir, {accounts: [...Object.keys(DEMO), 'stranger', 'spare']});
// minutes with an attachment (from the command line), and the
// server's key for signed tree heads (docs/server-model.md)
fs.writeFileSync(path.join(dir, 'notes.txt'), 'minutes of the kick-off\n');
run(['--db', db, 'minutes', 'add', 'demo', '--date', '2026-05-01', '--title', 'kick-off',
	'--attendee', 'suzuki', '--attendee', 'sato', '--attach', path.join(dir, 'notes.txt'),
	'--by', 'suzuki']);
// the vendor's SBOM, twice (versions 1 and 2), and an advisory touching one of
// its components (Jena 3.12.0), from the command line
const SHARED = fileURLToPath(new URL('../../../shared/data/', import.meta.url));
for (const f of ['SPDXJSONExample-v2.3.spdx.json', 'SPDXTagExample-v2.3.spdx'])
	run(['--db', db, 'sbom', 'import', 'demo', path.join(SHARED, 'sbom/spdx', f), '--by', 'sato']);
fs.writeFileSync(path.join(dir, 'osv.json'), JSON.stringify({id: 'GHSA-jena-0001',
	modified: '2024-01-01T00:00:00Z', aliases: ['CVE-2099-0001'], summary: 'XXE in Jena',
	affected: [{package: {ecosystem: 'Maven', name: 'org.apache.jena:apache-jena'}, versions: ['3.12.0']}]}));
run(['--db', db, 'vuln', 'import', 'osv', path.join(dir, 'osv.json')]);
// a switchover checklist entry recorded, for a correction of it to supersede
run(['--db', db, 'acceptance', 'record', 'demo', 'SWO-ROUTING', '--method', 'attestation',
	'--result', 'pass', '--detail', 'routes checked', '--by', 'sato']);
const headPass = path.join(dir, 'head-pass');
fs.writeFileSync(headPass, 'a head key passphrase\n', {mode: 0o600});
run(['key', 'gen', path.join(dir, 'head.key')], {SECSPEC_KEY_PASSPHRASE_FILE: headPass});
const srv = await startServer(db, ['--head-key', path.join(dir, 'head.key')],
	{SECSPEC_KEY_PASSPHRASE_FILE: headPass});
const OUT = process.env.SECSPEC_ARTIFACTS || process.cwd();

// The callers: nobody, a person with an account and no project, the
// administrator (a member of nothing), and each member of the demo project.
const ROLES = ['anon', 'outsider', 'admin', ...Object.keys(DEMO)];
const TARGETS = {own: 'demo', other: 'other', missing: 'no-such-project'};
const member = (role) => DEMO[role] ? {side: DEMO[role].split(' ')[0], role: DEMO[role].split(' ')[1]} : null;
const isLead = (m) => m.role === 'lead';
const userSide = (m, ...roles) => m.side === 'user' && roles.includes(m.role);
const vendorSide = (m, ...roles) => m.side === 'vendor' && roles.includes(m.role);

let uniq = 0;
const fresh = (prefix) => `${prefix}${process.pid % 1000}x${++uniq}`;
const NEWPW = PASSWORD + ' again';

// One rule per route, keyed "METHOD /pattern". access must be what the
// document says (x-secspec-access); may(m) says which members the rule book
// lets make a signed change (docs/permissions.md); body(ctx) is a valid body;
// raw(ctx) an application/octet-stream body instead; permit(m) says which
// members an unsigned change lets through (else denied, 403);
// params gives the path parameters other than {p}; allow is the status of a
// permitted call when it is not the first documented one; fresh: the call
// ends or changes the session, so it is made on a session of its own.
const RULES = {
	'GET /api/openapi.json': {access: 'public'},
	'POST /api/session': {access: 'public', fresh: true, allow: 201,
		body: (c) => ({login: c.login || 'suzuki', password: PASSWORD})},
	'GET /api/session': {access: 'session'},
	'DELETE /api/session': {access: 'session', fresh: true},
	'POST /api/session/password': {access: 'session', fresh: true,
		body: () => ({old: PASSWORD, password: NEWPW}),
		// the password goes back, on the session the change returned
		after: async (c, r) => {
			c.client.csrf = r.json.csrf;
			eq((await c.client.req('POST', '/api/session/password',
				{old: NEWPW, password: PASSWORD})).status, 200, 'password back');
		}},
	// the second factor: set up (left unconfirmed), confirmed and removed; the
	// calls that confirm one set it up first and take it off again after
	'POST /api/session/totp': {access: 'session', body: () => ({password: PASSWORD})},
	'POST /api/session/totp/confirm': {access: 'session',
		before: async (c) => { c.secret = await enrol(c.client); },
		body: (c) => ({code: c.secret ? totp(c.secret) : '000000'}),
		after: async (c) => {
			eq((await clients.admin.req('DELETE', `/api/accounts/${c.login}/totp`)).status, 200,
				'second factor removed');
		}},
	'DELETE /api/session/totp': {access: 'session',
		before: async (c) => {
			c.secret = await enrol(c.client);
			if (c.secret)
				eq((await c.client.req('POST', '/api/session/totp/confirm', {code: totp(c.secret)})).status,
					200, 'second factor confirmed');
		},
		// a code counts once: the next step's
		body: (c) => ({password: PASSWORD, code: c.secret ? totp(c.secret, 30) : '000000'})},
	'DELETE /api/accounts/{login}/totp': {access: 'admin', params: {login: 'spare'}},
	'POST /api/accounts/{login}/password': {access: 'admin', params: {login: 'spare'},
		body: () => ({password: PASSWORD})},
	'GET /api/accounts': {access: 'admin'},
	'POST /api/accounts': {access: 'admin', created: 'account',
		body: () => ({login: fresh('acct'), name: 'N', password: PASSWORD})},
	'POST /api/accounts/{login}/disabled': {access: 'admin', params: {login: 'spare'},
		body: () => ({disabled: false})},
	'GET /api/catalog': {access: 'session'},
	'GET /api/catalog/{version}/items': {access: 'session', params: {version: '1.1.0'},
		query: '?section=secure-coding'},
	'GET /api/catalog/{version}/items/{id}': {access: 'session',
		params: {version: '1.1.0', id: 'APP-SC-001'}},
	'GET /api/projects': {access: 'session'},
	'POST /api/projects': {access: 'session', created: 'project',
		body: () => ({name: fresh('p'), user_org: 'U', vendor_org: 'V', side: 'user'})},
	'GET /api/projects/{p}': {access: 'member'},
	'GET /api/projects/{p}/phases': {access: 'member'},
	'POST /api/projects/{p}/phase': {access: 'member', may: isLead, body: () => ({step: 4})},
	'GET /api/projects/{p}/members': {access: 'member'},
	'POST /api/projects/{p}/members': {access: 'member', may: (m) => userSide(m, 'lead'),
		body: () => ({person: 'newcomer', side: 'user', role: 'member'})},
	'DELETE /api/projects/{p}/members/{person}': {access: 'member', params: {person: 'kobayashi'},
		may: (m) => userSide(m, 'lead'), body: () => ({})},
	'GET /api/projects/{p}/keys': {access: 'member'},
	'GET /api/projects/{p}/keys/pop': {access: 'member', query: () => `?public_key=${spareKey.pubHex}`},
	'POST /api/projects/{p}/keys': {access: 'member', may: () => true, body: (c) => c.keyBody},
	// tanaka's key: its holder, or the lead of the holder's side
	'POST /api/projects/{p}/keys/{fingerprint}/revoke': {access: 'member',
		params: {fingerprint: () => keys.tanaka.fingerprint},
		may: (m, role) => role === 'tanaka' || userSide(m, 'lead'),
		body: () => ({reason: 'lost'})},
	// the demo is drafted already: a lead is told so (409), nobody else gets that far
	'POST /api/projects/{p}/draft': {access: 'member', may: isLead, allow: 409, body: () => ({})},
	'GET /api/projects/{p}/requirements': {access: 'member', query: '?status=decided&section=secure-coding'},
	'POST /api/projects/{p}/decisions': {access: 'member', may: (m) => userSide(m, 'lead', 'member'),
		body: () => ({item: 'APP-SC-001', policy: 'na', reason: 'not used here'})},
	'POST /api/projects/{p}/advice': {access: 'member', may: (m) => vendorSide(m, 'lead', 'member'),
		body: () => ({item: 'APP-SC-001', note: 'a further note'})},
	'POST /api/projects/{p}/approvals': {access: 'member', may: (m) => userSide(m, 'management'),
		body: () => ({item: 'APP-SC-003', verdict: 'approve'})},
	'GET /api/projects/{p}/assets': {access: 'member'},
	'GET /api/projects/{p}/systems': {access: 'member'},
	'GET /api/projects/{p}/negotiation': {access: 'member'},
	'POST /api/projects/{p}/assets': {access: 'member', may: (m) => userSide(m, 'lead', 'member'),
		body: () => ({id: fresh('asset'), kind: 'personal-data', name: 'a customer list', system: 'CRM',
			devices: ['PC'], answer_ids: ['volume', 'sensitive'], answers: ['a few', 'none'],
			duration: 1, reach: 1, damage: 1, trust: 1})},
	'POST /api/projects/{p}/systems': {access: 'member', may: (m) => userSide(m, 'lead', 'member'),
		body: () => ({name: fresh('sys'), devices: ['PC'], policies: ['access-control'],
			implementations: ['VLAN']})},
	'POST /api/projects/{p}/threats/{technique}': {access: 'member', params: {technique: 'T1190'},
		may: isLead, body: () => ({incident: 2, ease: 2, reason: 'seen in the sector'})},
	'POST /api/projects/{p}/minutes': {access: 'member',
		may: (m) => ['lead', 'member', 'management', 'operations'].includes(m.role),
		body: () => ({date: '2026-05-02', title: 'review', attendees: ['suzuki', 'sato']})},
	// an attachment of the demo's minutes (setup)
	'GET /api/projects/{p}/attachments/{sha256}': {access: 'member',
		params: {sha256: () => fixtures.attachment}},
	// a file for minutes to attach (raw bytes, no event): whoever may record
	// minutes may store one
	'POST /api/projects/{p}/attachments': {access: 'member', raw: () => Buffer.from(`a file ${++uniq}\n`),
		permit: (m) => ['lead', 'member', 'management', 'operations'].includes(m.role), denied: 403},
	'POST /api/projects/{p}/proposals': {access: 'member',
		may: (m) => vendorSide(m, 'lead', 'member', 'expert') || userSide(m, 'expert'),
		body: () => ({kind: 'advice', title: 'rotate the keys', text: 'rotate the signing keys yearly'})},
	// P-0003 was declined: a new answer replaces it
	'POST /api/projects/{p}/proposals/{id}/answer': {access: 'member', params: {id: 'P-0003'},
		may: (m) => userSide(m, 'lead', 'member'), body: () => ({answer: 'adopt', supersede: true})},
	'POST /api/projects/{p}/costs': {access: 'member', may: (m) => ['lead', 'member'].includes(m.role),
		body: () => ({on: 'item', ref: 'APP-SC-001', bearer: 'vendor', basis: 'in the estimate'})},
	// the cost on P-0003 the setup records awaits management
	'POST /api/projects/{p}/costs/approval': {access: 'member', may: (m) => userSide(m, 'management'),
		body: () => ({on: 'proposal', ref: 'P-0003', verdict: 'approve'})},
	// the vendor is selected: no further candidate or selection (vendor-selected,
	// 409) for the user lead; everyone else is refused by permission (403)
	'POST /api/projects/{p}/candidates': {access: 'member', may: (m) => userSide(m, 'lead'),
		allow: 409, denied: 403, body: () => ({id: fresh('cand'), org: 'O'})},
	'POST /api/projects/{p}/candidates/{id}/documents': {access: 'member', params: {id: 'reidai-tech'},
		may: (m) => userSide(m, 'lead'), body: () => ({kind: 'other', ...docOf('answer.pdf')})},
	'POST /api/projects/{p}/ndas': {access: 'member', may: (m) => userSide(m, 'lead'),
		body: () => ({party: 'reidai-tech', date: '2026-05-01', supersede: true, ...docOf('nda.pdf')})},
	'POST /api/projects/{p}/vendor': {access: 'member', may: (m) => userSide(m, 'lead'),
		allow: 409, denied: 403, body: () => ({candidate: 'reidai-tech', reason: 'a better offer'})},
	'POST /api/projects/{p}/laws': {access: 'member', may: (m) => userSide(m, 'lead', 'member'),
		body: () => ({id: fresh('law'), title: 'a guideline', kind: 'guideline',
			assets: ['crm-customers'], review_by: '2027-04-01'})},
	'POST /api/projects/{p}/retention': {access: 'member', may: (m) => userSide(m, 'lead', 'member'),
		body: () => ({asset: 'hr-records', keep: true, period: '7 years', method: 'shredded',
			supersede: true})},
	'POST /api/projects/{p}/contracts': {access: 'member', may: isLead,
		body: () => ({id: fresh('K'), kind: 'maintenance', title: 'support', sla: 'next day',
			diagnosis: 'yearly', incident: 'within an hour'})},
	// the contract the vendor lead set in the setup: the other side's lead agrees
	// (the vendor lead itself is refused by contract-agree)
	'POST /api/projects/{p}/contracts/{id}/agree': {access: 'member', params: {id: 'DEV-1'},
		may: (m) => userSide(m, 'lead'), body: () => ({})},
	// acknowledged once already (acknowledge-repeat, 409), else permission (403)
	'POST /api/projects/{p}/terms': {access: 'member', may: (m) => userSide(m, 'lead', 'management'),
		allow: 409, denied: 403, body: () => ({text: 'changes are estimated again'})},
	'POST /api/projects/{p}/standards': {access: 'member', may: (m) => userSide(m, 'lead', 'member'),
		body: () => ({standard: 'asvs', version: '4.0.3', level: 3, supersede: true})},
	'POST /api/projects/{p}/diagnoses': {access: 'member',
		may: (m) => ['lead', 'provider', 'operations'].includes(m.role),
		body: () => ({kind: 'review', standard: 'ASVS 4.0.3', date: '2026-12-01', result: 'no findings'})},
	// the change requests of the setup: CR-0001 open, CR-0002 assessed, CR-0003 decided
	'GET /api/projects/{p}/changes/{id}': {access: 'member', params: {id: 'CR-0001'}},
	'POST /api/projects/{p}/changes/{id}/assess': {access: 'member', params: {id: 'CR-0001'},
		may: (m) => vendorSide(m, 'lead', 'member'), body: () => ({note: 'small', reestimate: 'none'})},
	// assessed without re-estimation: the user side's lead, members (and, under
	// rules 3, management)
	'POST /api/projects/{p}/changes/{id}/decide': {access: 'member', params: {id: 'CR-0002'},
		may: (m) => userSide(m, 'lead', 'member', 'management'), body: () => ({note: 'go ahead'})},
	'POST /api/projects/{p}/changes/{id}/close': {access: 'member', params: {id: 'CR-0003'},
		may: isLead, body: () => ({note: 'done'})},
	// the demo uses the newest catalog: a lead is told so (409), the others are
	// refused by permission (403)
	'POST /api/projects/{p}/upgrade': {access: 'member', may: isLead, allow: 409, denied: 403,
		body: () => ({to: '1.1.0'})},
	'GET /api/projects/{p}/rules': {access: 'member'},
	// the demo is under the newest rules already: a lead is told so (409)
	'POST /api/projects/{p}/rules': {access: 'member', may: isLead, allow: 409, denied: 403,
		body: () => ({to: 3})},
	'GET /api/projects/{p}/milestones': {access: 'member'},
	'POST /api/projects/{p}/milestones/{milestone}/sign': {access: 'member',
		params: {milestone: 'spec-v1'},
		may: (m) => isLead(m) || userSide(m, 'management'), body: () => ({})},
	'GET /api/projects/{p}/minutes': {access: 'member'},
	// components and vulnerabilities (rules 5): every member reads them, no NDA
	'GET /api/projects/{p}/sbom': {access: 'member'},
	'GET /api/projects/{p}/sbom/{n}': {access: 'member', params: {n: 'latest'}},
	'GET /api/projects/{p}/sbom/diff': {access: 'member', query: '?from=1&to=2', samples: {from: 1, to: 2}},
	'POST /api/projects/{p}/sbom/policy': {access: 'member', may: (m) => userSide(m, 'lead'),
		body: () => ({allowed: ['Apache-2.0'], denied: ['MPL-1.0'], default: 'review'})},
	'GET /api/projects/{p}/vulns': {access: 'member'},
	'GET /api/projects/{p}/vulns/match': {access: 'member'},
	'POST /api/projects/{p}/vulns/notice': {access: 'member',
		may: (m) => ['lead', 'member', 'operations'].includes(m.role),
		body: () => ({vuln: 'CVE-2099-0001', component: 'SPDXRef-fromDoap-0'})},
	'POST /api/projects/{p}/vulns/analysis': {access: 'member', may: (m) => vendorSide(m, 'lead', 'member'),
		body: () => ({vuln: 'CVE-2099-0001', component: 'SPDXRef-fromDoap-0', state: 'not_affected',
			justification: 'code_not_reachable', detail: 'the parser is not used'})},
	// the setup's analyses: X-1 awaits the user side's decision, X-2 (accepted
	// while exploitable) management's approval
	'POST /api/projects/{p}/vulns/decision': {access: 'member', may: (m) => userSide(m, 'lead', 'member'),
		body: () => ({vuln: 'X-1', component: 'SPDXRef-Saxon', verdict: 'reject', reason: 'look again'})},
	'POST /api/projects/{p}/vulns/approval': {access: 'member', may: (m) => userSide(m, 'management'),
		body: () => ({vuln: 'X-2', component: 'SPDXRef-Package', verdict: 'approved'})},
	// acceptance and switchover (rules 6): every member reads it (what hosts
	// showed withheld without an NDA); a verification is the lead's or a
	// member's of either side, here a correction of the setup's record
	'GET /api/projects/{p}/acceptance': {access: 'member'},
	'POST /api/projects/{p}/acceptance/verifications': {access: 'member',
		may: (m) => ['lead', 'member'].includes(m.role),
		body: () => ({subject: 'SWO-ROUTING', method: 'attestation', result: 'pass',
			detail: 'routes checked again', supersede: true})},
	'GET /api/projects/{p}/changes': {access: 'member'},
	'GET /api/projects/{p}/coverage': {access: 'member'},
	'GET /api/projects/{p}/lint': {access: 'member'},
	'GET /api/projects/{p}/spec': {access: 'member', query: '?format=md&doclang=en'},
	'GET /api/projects/{p}/log': {access: 'member'},
	'GET /api/projects/{p}/log/head': {access: 'member'},
	'GET /api/projects/{p}/log/consistency': {access: 'member', query: '?from=10&to=20'},
	'GET /api/projects/{p}/log/verify': {access: 'member'},
	'GET /api/projects/{p}/evidence': {access: 'member'},
	// an endless stream: its status and headers only
	'GET /api/projects/{p}/events': {access: 'member', stream: true},
	'GET /api/projects/{p}/log/signed-head': {access: 'member'},
	'GET /api/projects/{p}/log/events': {access: 'member', query: '?from=1&limit=5'},
	// each member's copy agrees with the head the setup had signed
	'POST /api/projects/{p}/log/witness': {access: 'member', body: () => fixtures.witness},
	'GET /api/projects/{p}/log/witnesses': {access: 'member'},
};

// What the rules above take from the setup.
const fixtures = {};

// A document named and hashed as the browser would.
function docOf(name) {
	const text = `${name} ${++uniq}`;
	return {document_name: name, document_sha256: crypto.createHash('sha256').update(text).digest('hex'),
		document_size: text.length};
}

// RFC 6238 codes (SHA-1, 30 s, 6 digits) of a base32 secret, skew seconds ahead.
function totp(secret, skew = 0) {
	const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
	let bits = '';
	for (const ch of secret.replace(/=+$/, ''))
		bits += abc.indexOf(ch).toString(2).padStart(5, '0');
	const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
	const counter = Buffer.alloc(8);
	counter.writeBigUInt64BE(BigInt(Math.floor((Date.now() / 1000 + skew) / 30)));
	const h = crypto.createHmac('sha1', key).update(counter).digest();
	const o = h[h.length - 1] & 15;
	return String((h.readUInt32BE(o) & 0x7fffffff) % 1000000).padStart(6, '0');
}

// Set up a second factor on the client's account; its secret, or null when
// the caller may not (no session).
async function enrol(client) {
	const r = await client.req('POST', '/api/session/totp', {password: PASSWORD});
	return r.status === 201 ? new URL(r.json.uri).searchParams.get('secret') : null;
}

const keys = {};
const spareKey = newKey();
const clients = {};
let doc;

async function loginAs(role) {
	const c = new Client(srv.url);
	if (role !== 'anon')
		eq((await c.login(role)).status, 201, `login ${role}`);
	return c;
}

// The status a call should get, from the rule: a number, or a list of
// acceptable ones (a rule-book refusal is 403 or 422).
function expected(rule, op, role, target) {
	if (role === 'anon')
		return rule.access === 'public' ? allowOf(rule, op) : 401;
	if (rule.access === 'admin')
		return role === 'admin' ? allowOf(rule, op) : 403;
	if (rule.access !== 'member')
		return allowOf(rule, op);
	const m = member(role);
	if (target !== 'own' || !m)
		return 404;
	if (rule.may && !rule.may(m, role))
		return rule.denied || [403, 422];
	if (rule.permit && !rule.permit(m, role))
		return rule.denied || 403;
	return allowOf(rule, op);
}

function allowOf(rule, op) {
	if (rule.allow)
		return rule.allow;
	if (op['x-secspec-signed'])
		return 202;
	return Number(Object.keys(op.responses).find((k) => /^\d+$/.test(k)));
}

const value = (v) => typeof v === 'function' ? v() : v;

function urlOf(pattern, rule, target) {
	return pattern.replace(/\{(\w+)\}/g, (_, name) =>
		name === 'p' ? TARGETS[target] : encodeURIComponent(value(rule.params[name])))
		+ (typeof rule.query === 'function' ? rule.query() : rule.query || '');
}

// Headers that must match between the 404 of another project and of a
// missing one (all but the date).
function headerView(h) {
	return [...h.entries()].filter(([k]) => k !== 'date').map(([k, v]) => `${k}: ${v}`).join('\n');
}

test('setup: the other project, a key for every demo member', async () => {
	const s = await loginAs('stranger');
	eq((await s.req('POST', '/api/projects',
		{name: 'other', user_org: 'U', vendor_org: 'V', side: 'user'})).status, 201, 'other');
	for (const role of ROLES)
		clients[role] = await loginAs(role);
	for (const who of Object.keys(DEMO)) {
		keys[who] = newKey();
		eq((await clients[who].registerKey('demo', keys[who])).status, 201, `key ${who}`);
	}
	// a risk accepted by a user member awaits management's approval
	const d = await clients.tanaka.signed('POST', '/api/projects/demo/decisions', {item: 'APP-SC-003',
		policy: 'accept', reason: 'low exposure', scenario: 'an insider with access', review_by: '2027-12-01'},
		keys.tanaka);
	eq(d.status, 201, `accept ${d.text}`);
	// the minutes' attachment
	const minutes = await clients.suzuki.req('GET', '/api/projects/demo/minutes');
	fixtures.attachment = minutes.json.flatMap((m) => m.body.attachments || [])[0].sha256;
	const file = await clients.kimura.req('GET', `/api/projects/demo/attachments/${fixtures.attachment}`);
	eq([file.status, file.text], [200, 'minutes of the kick-off\n'], 'the attachment, to a member');
	// a cost that awaits management, a contract that awaits the user lead
	const sign = async (who, method, url, body) => {
		const x = await clients[who].signed(method, `/api/projects/demo${url}`, body, keys[who]);
		eq(x.status, 201, `${who} ${method} ${url}: ${x.text.slice(0, 300)}`);
	};
	await sign('tanaka', 'POST', '/costs', {on: 'proposal', ref: 'P-0003', bearer: 'user',
		basis: 'the monitoring service'});
	await sign('sato', 'POST', '/contracts', {id: 'DEV-1', kind: 'maintenance-development',
		title: 'development', sla: 'monthly releases', diagnosis: 'before each release',
		incident: 'as OPS-1'});
	// a milestone opened; then each asset change opens a change request:
	// CR-0001 stays open, CR-0002 is assessed, CR-0003 assessed and decided
	await sign('suzuki', 'POST', '/milestones/baseline/sign', {});
	const assets = (await clients.suzuki.req('GET', '/api/projects/demo/assets')).json;
	for (const id of ['crm-customers', 'hr-records', 'research-results']) {
		const a = assets.find((x) => x.id === id);
		ok(a, `asset ${id}: ${JSON.stringify(assets).slice(0, 300)}`);
		await sign('tanaka', 'POST', '/assets', {id, kind: a.kind, name: `${a.name} (revised)`,
			system: a.system, devices: a.devices, answer_ids: Object.keys(a.answers || {}),
			answers: Object.values(a.answers || {}), duration: a.duration, reach: a.reach,
			damage: a.damage, trust: a.trust, supersede: true});
	}
	for (const id of ['CR-0002', 'CR-0003'])
		await sign('sato', 'POST', `/changes/${id}/assess`, {note: 'small', reestimate: 'none'});
	await sign('suzuki', 'POST', '/changes/CR-0003/decide', {note: 'go ahead'});
	// a vulnerability analysed, another analysed and accepted
	for (const [vuln, component] of [['X-1', 'SPDXRef-Saxon'], ['X-2', 'SPDXRef-Package']])
		await sign('sato', 'POST', '/vulns/analysis', {vuln, component, state: 'affected',
			detail: 'reachable'});
	await sign('tanaka', 'POST', '/vulns/decision', {vuln: 'X-2', component: 'SPDXRef-Package',
		verdict: 'accept', reason: 'the exposure is small'});
	// a signed head each member's copy agrees with
	const head = await clients.suzuki.req('GET', '/api/projects/demo/log/signed-head');
	eq(head.status, 200, `signed head: ${head.text.slice(0, 300)}`);
	fixtures.witness = {tree_size: head.json.tree_size, root: head.json.root, time: head.json.time,
		head_signature: head.json.signature};
	const r = await clients.anon.req('GET', '/api/openapi.json');
	eq(r.status, 200, 'openapi');
	doc = r.json;
});

test('the OpenAPI document is valid 3.1 and covers every rule', async () => {
	eq(doc.openapi, '3.1.0', 'openapi version');
	ok(doc.info && doc.info.title && doc.info.version, 'info.title and info.version');
	const ref = (r) => r.slice(2).split('/').reduce((o, k) => o && o[k], doc);
	const refs = (v) => v && typeof v === 'object' ? Object.entries(v).flatMap(([k, x]) =>
		k === '$ref' ? [x] : refs(x)) : [];
	for (const r of refs(doc))
		ok(r.startsWith('#/') && ref(r) !== undefined, `$ref ${r} resolves`);
	const seen = new Set();
	for (const [p, item] of Object.entries(doc.paths)) {
		ok(p.startsWith('/api/'), `${p}: an API path`);
		const names = [...p.matchAll(/\{(\w+)\}/g)].map((x) => x[1]);
		for (const [method, op] of Object.entries(item)) {
			const where = `${method.toUpperCase()} ${p}`;
			ok(['get', 'post', 'delete'].includes(method), `${where}: method`);
			ok(op.summary && op.responses && Object.keys(op.responses).some((k) => /^2\d\d$/.test(k)),
				`${where}: a summary and a success response`);
			const params = op.parameters.map((x) => x.$ref ? ref(x.$ref) : x);
			const inPath = params.filter((x) => x.in === 'path');
			eq(inPath.map((x) => x.name).sort(), [...names].sort(), `${where}: path parameters`);
			ok(inPath.every((x) => x.required === true), `${where}: path parameters are required`);
			ok(params.every((x) => ['path', 'query'].includes(x.in) && x.schema), `${where}: parameter schemas`);
			eq(new Set(params.map((x) => `${x.in} ${x.name}`)).size, params.length, `${where}: each parameter once`);
			if (op.requestBody && op.requestBody.content['application/octet-stream']) {
				// raw bytes (an upload): a binary string with a limit
				const s = op.requestBody.content['application/octet-stream'].schema;
				eq(Object.keys(op.requestBody.content), ['application/octet-stream'], `${where}: one body type`);
				eq([s.type, s.format, s.contentMediaType], ['string', 'binary', 'application/octet-stream'],
					`${where}: a binary body`);
				ok(Number.isInteger(s.maxLength) && s.maxLength > 0, `${where}: the body's limit`);
			} else if (op.requestBody) {
				const s = op.requestBody.content['application/json'].schema;
				eq(s.type, 'object', `${where}: body is an object`);
				eq(s.additionalProperties, false, `${where}: additionalProperties false`);
				ok(s.required.every((f) => f in s.properties), `${where}: required fields exist`);
			}
			ok(['public', 'session', 'admin', 'member'].includes(op['x-secspec-access']), `${where}: access`);
			eq((op['x-secspec-access'] === 'public'), Array.isArray(op.security) && op.security.length === 0,
				`${where}: only public routes drop the security requirement`);
			seen.add(where);
			const rule = RULES[where];
			ok(rule, `${where}: no expectation rule in authz.test.mjs — add one`);
			eq(op['x-secspec-access'], rule.access, `${where}: access in the document vs the rule`);
			eq(Boolean(op['x-secspec-signed']), Boolean(rule.may), `${where}: signed in the document vs the rule`);
			ok(/\{p\}/.test(p) === (rule.access === 'member'), `${where}: member routes name a project`);
		}
	}
	for (const k of Object.keys(RULES))
		ok(seen.has(k), `rule ${k}: no such route in the document`);
});

// Valid values of the documented query parameters (enumerations take their
// first value; a rule's samples come first); a parameter the document names
// but no sample covers fails.
const SAMPLES = {platform: 'application', category: 'input-output', technique: 'T1190', state: 'open',
	from: 1, to: 5, limit: 5, as_of: '10', public_key: () => spareKey.pubHex};

test('every documented query parameter, given a valid value, gets a documented answer', async () => {
	let calls = 0;
	for (const [p, item] of Object.entries(doc.paths)) {
		for (const [method, op] of Object.entries(item)) {
			const qs = op.parameters.filter((x) => x.in === 'query');
			if (method !== 'get' || qs.length === 0)
				continue;
			const rule = RULES[`GET ${p}`];
			const documented = Object.keys(op.responses).filter((k) => /^\d+$/.test(k)).map(Number);
			for (const q of qs) {
				const sample = (x) => value((rule.samples || {})[x.name] ?? SAMPLES[x.name]);
				const v = q.schema.enum ? q.schema.enum[0] : sample(q);
				ok(v !== undefined, `GET ${p}: no sample value for the query parameter ${q.name}`);
				// alone, and with every other parameter of the route
				for (const set of [[q], qs]) {
					const query = set.map((x) => `${x.name}=${encodeURIComponent(x.schema.enum ? x.schema.enum[0] : sample(x))}`);
					const url = urlOf(p, {...rule, query: ''}, 'own') + '?' + query.join('&');
					const r = await clients.suzuki.req('GET', url);
					calls++;
					ok(documented.includes(r.status) || (r.status === 400 && set.length === 1 && q.required === false &&
						qs.some((x) => x.required)), `GET ${url}: ${r.status} is not documented: ${r.text.slice(0, 200)}`);
				}
			}
		}
	}
	console.log(`# ${calls} calls with documented query parameters`);
});

test('the matrix: every route × every caller × own/other/missing project', async () => {
	const demoHead = (await clients.suzuki.req('GET', '/api/projects/demo/log/head')).json;
	const rows = [['method', 'path', 'caller', 'target', 'expected', 'got']];
	const failures = [];
	const created = {account: [], project: []};
	let cells = 0, routes = 0, compared = 0;
	const ops = Object.entries(doc.paths).flatMap(([p, item]) =>
		Object.entries(item).map(([m, op]) => [m.toUpperCase(), p, op]));
	// the calls that end or change a session last
	ops.sort((a, b) => Boolean(RULES[`${a[0]} ${a[1]}`].fresh) - Boolean(RULES[`${b[0]} ${b[1]}`].fresh));
	for (const [method, p, op] of ops) {
		const rule = RULES[`${method} ${p}`];
		const targets = rule.access === 'member' ? Object.keys(TARGETS) : ['-'];
		const documented = Object.keys(op.responses).filter((k) => /^\d+$/.test(k)).map(Number);
		routes++;
		for (const role of ROLES) {
			const seen = {};
			for (const target of targets) {
				let c = clients[role];
				if (rule.fresh)
					c = await loginAs(role);
				const ctx = {login: role === 'anon' ? null : role, client: c};
				if (method === 'POST' && p.endsWith('/keys')) {
					// a new key, with its proof of possession when the caller may ask for one
					const k = newKey();
					const pop = await c.req('GET', `/api/projects/${TARGETS[target]}/keys/pop?public_key=${k.pubHex}`);
					ctx.keyBody = {public_key: k.pubHex, pop: pop.status === 200 ? k.sign(pop.json.message) : '00'.repeat(64)};
				}
				if (rule.before)
					await rule.before(ctx);
				let body = rule.body ? rule.body(ctx) : undefined;
				if (body && op['x-secspec-signed'])
					body = {...body, fingerprint: (keys[role] || spareKey).fingerprint};
				const r = rule.raw
					? await c.req(method, urlOf(p, rule, target), undefined,
						{raw: rule.raw(ctx), headers: {'Content-Type': 'application/octet-stream'}})
					: await c.req(method, urlOf(p, rule, target), body, {stream: rule.stream});
				const want = expected(rule, op, role, target);
				const good = Array.isArray(want) ? want.includes(r.status) : r.status === want;
				cells++;
				rows.push([method, p, role, target, String(want), String(r.status)]);
				if (!good)
					failures.push(`${method} ${p} as ${role} on ${target}: expected ${want}, got ${r.status} ${r.text.slice(0, 200)}`);
				// a refusal by the rule book is not a missing project
				if ((Array.isArray(want) || (rule.denied && want === rule.denied)) && r.json)
					ok(r.json.code !== 'ENOTFOUND', `${method} ${p} as ${role}: refused, not hidden`);
				// a permitted call answers with a documented status
				if (good && !Array.isArray(want) && want < 400)
					ok(documented.includes(r.status), `${method} ${p}: ${r.status} is not documented`);
				if (good && r.status === 201 && rule.created)
					created[rule.created].push([role, body.login || body.name]);
				if (r.status === 404)
					seen[target] = r;
				if (rule.after && good && want < 400)
					await rule.after(ctx, r);
				if (rule.fresh && role !== 'anon')
					clients[role] = await loginAs(role); // the shared session may have ended
			}
			// another project's 404 is the missing project's, byte for byte
			for (const t of ['other', 'own']) {
				if (!seen[t] || !seen.missing)
					continue;
				eq(seen[t].text, seen.missing.text, `${method} ${p} as ${role}: ${t} vs missing body`);
				eq(headerView(seen[t].headers), headerView(seen.missing.headers),
					`${method} ${p} as ${role}: ${t} vs missing headers`);
				compared++;
			}
		}
	}
	fs.writeFileSync(path.join(OUT, 'authz-matrix.tsv'), rows.map((r) => r.join('\t')).join('\n') + '\n');
	console.log(`# matrix: ${routes} routes × ${ROLES.length} callers × ${Object.keys(TARGETS).length} targets` +
		` (1 for routes without a project) = ${cells} calls; table in ${path.join(OUT, 'authz-matrix.tsv')}`);
	console.log(`# ${compared} not-member 404s compared byte for byte with a missing project's`);
	ok(compared >= 30 * 11, 'the 404s were compared');
	ok(failures.length === 0, `${failures.length} cells differ:\n  ${failures.join('\n  ')}`);
	// nothing was appended to a project's log: signed changes only proposed
	eq((await clients.suzuki.req('GET', '/api/projects/demo/log/head')).json, demoHead, 'the demo log did not move');
	// what the matrix did create is there, and nothing else
	const accounts = (await clients.admin.req('GET', '/api/accounts')).json.map((a) => a.login);
	eq(created.account.map(([r]) => r), ['admin'], 'only the administrator created an account');
	for (const [, login] of created.account)
		ok(accounts.includes(login), `account ${login} exists`);
	eq(created.project.length, ROLES.length - 1, 'every logged-in caller created a project');
	for (const [role, name] of created.project) {
		const mine = (await clients[role].req('GET', '/api/projects')).json.map((x) => x.name);
		ok(mine.includes(name), `${role} is a member of ${name}`);
	}
	ok(!accounts.some((a) => /^acct/.test(a) && !created.account.some(([, l]) => l === a)), 'no stray accounts');
});

await main(stopsCleanly(srv, dir));
