// The acceptance and switchover page and its API (rules 6): what each
// host's newest check run failed, and with what it saw; each implemented
// item's verification; the accepted risks with their approval; the
// switchover checklist; the signed form of a named verification, which the
// server refuses to whom the rule book refuses it. A vendor side without an
// NDA reads the page as it reads the others: statuses and who, without what
// the user's hosts showed. Every text of data is escaped.
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {Client, demoDb, eq, main, newKey, ok, run, startServer, stopsCleanly, test, tmpdir} from './lib.mjs';

const dir = tmpdir('acceptance');
const PEOPLE = ['suzuki', 'tanaka', 'sato', 'yamada', 'kato'];
const db = demoDb(dir, {demo: false, accounts: PEOPLE});
const cli = (...args) => run(['--db', db, ...args], {SECSPEC_NOW: '2026-11-26T10:00:00Z'}, {cwd: dir});
const HOST = 'web<script>02';
const DETAIL = 'routes <script>alert(1)</script> checked';

// the walk of tests/cli/acceptance.test: a project, three items decided
// implement and one risk accepted; web01 passes, HOST fails LNX-DM-001
cli('project', 'create', 'acc', '--catalog-version', '1.1.0', '--user', 'U', '--vendor', 'V',
	'--by', 'suzuki', '--side', 'user');
cli('member', 'add', 'acc', 'tanaka', '--side', 'vendor', '--role', 'lead', '--by', 'suzuki');
cli('member', 'add', 'acc', 'sato', '--side', 'user', '--role', 'management', '--by', 'suzuki');
cli('member', 'add', 'acc', 'yamada', '--side', 'vendor', '--role', 'member', '--by', 'tanaka');
cli('member', 'add', 'acc', 'kato', '--side', 'user', '--role', 'auditor', '--by', 'suzuki');
cli('spec', 'draft', 'acc', '--by', 'suzuki');
for (const i of ['LNX-DM-001', 'LNX-DM-017', 'LNX-DM-004'])
	cli('decide', 'acc', i, '--policy', 'implement', '--by', 'suzuki');
cli('decide', 'acc', 'LNX-DM-002', '--policy', 'accept', '--reason', 'no <i>remote</i> root',
	'--scenario', 'a stolen password', '--by', 'suzuki');
const ROOTS = fileURLToPath(new URL('../data/roots/', import.meta.url));
const deb = path.join(dir, 'deb'), bad = path.join(dir, 'bad');
fs.cpSync(path.join(ROOTS, 'debian12'), deb, {recursive: true});
fs.chmodSync(path.join(deb, 'etc/shadow'), 0o640);
fs.cpSync(deb, bad, {recursive: true});
const sshd = path.join(bad, 'etc/ssh/sshd_config');
fs.writeFileSync(sshd, fs.readFileSync(sshd, 'utf8').replace(/^PermitRootLogin no/m, 'PermitRootLogin yes'));
cli('check', 'acc', '--root', deb, '--record', '--host', 'web01', '--by', 'yamada');
try {
	cli('check', 'acc', '--root', bad, '--record', '--host', HOST, '--by', 'yamada');
} catch (e) {
	eq(e.status, 4, 'a failing run is recorded all the same (exit 4)');
}
cli('acceptance', 'record', 'acc', 'SWO-ROUTING', '--method', 'attestation', '--result', 'pass',
	'--detail', DETAIL, '--by', 'tanaka');

const srv = await startServer(db);
const clients = {};
async function as(login) {
	if (!clients[login]) {
		clients[login] = new Client(srv.url);
		eq((await clients[login].login(login)).status, 201, `${login} logs in`);
	}
	return clients[login];
}
// in English unless asked otherwise (a browser that names no language gets Japanese)
const req = async (login, method, p, body, lang = 'en') =>
	(await as(login)).req(method, p, body, {headers: {'Accept-Language': lang}});
// a signed change, with the caller's key registered first
const keys = {};
async function signed(login, p, body) {
	const c = await as(login);
	if (!keys[login]) {
		keys[login] = newKey();
		eq((await c.registerKey('acc', keys[login])).status, 201, `${login} registers a key`);
	}
	return c.signed('POST', p, body, keys[login]);
}
const page = async (login, lang = 'en') => {
	const r = await req(login, 'GET', '/p/acc/acceptance', undefined, lang);
	eq(r.status, 200, `${login} reads the page`);
	return r.text;
};
const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const log = () => JSON.parse(run(['--db', db, '--json', 'log', 'acc'])).events;

test('the failing host, its item and what it saw; the risk and who decided it', async () => {
	const t = await page('suzuki');
	ok(t.includes(`<caption>What failed or could not be checked on ${esc(HOST)}</caption>`),
		'the failures of the host, named');
	ok(/<th scope="row" class="mono">LNX-DM-001<\/th><td>Forbid direct root login over SSH<\/td><td>FAIL<\/td><td class="mono">[^<]*no line matches/.test(t),
		'the failing item with what the host showed');
	ok(t.includes(`FAIL @${esc(HOST)}`), 'the item\'s status names the host');
	ok(/LNX-DM-017<\/th><td>[^<]*<\/td><td>verified<\/td><td>host check passed on web01, web&lt;script&gt;02/.test(t),
		'an item verified by the hosts that passed it');
	ok(/LNX-DM-004<\/th><td>[^<]*<\/td><td>not verified yet</.test(t), 'an item still open');
	ok(/LNX-DM-002<\/th><td>[^<]*<\/td><td>[^<]*<\/td><td>no &lt;i&gt;remote&lt;\/i&gt; root<\/td><td>suzuki<\/td><td>awaiting management/.test(t),
		'the accepted risk, who decided it, its approval');
	ok(t.includes(`attestation by tanaka (2026-11-26T10:00:00Z, event`) && t.includes(esc(DETAIL)),
		'the checklist entry\'s latest record with its detail');
	ok(!t.includes('<script>') && !t.includes('<i>'), 'no text of data unescaped');
	ok(t.includes('<form id="verify-form"'), 'the user lead may record a verification');
	const dash = await req('suzuki', 'GET', '/p/acc');
	ok(dash.text.includes('<a href="/p/acc/acceptance">'), 'linked from the project\'s navigation');
});

test('in Japanese: the titles of the items and checklist entries', async () => {
	const t = await page('suzuki', 'ja');
	ok(t.includes('SSHでのrootの直接ログインを禁止する'), 'an item\'s title');
	ok(t.includes('ルーティング、ポートフォワード等の確認'), 'an entry\'s title');
});

test('without an NDA: statuses and who, not what the hosts showed', async () => {
	const t = await page('yamada');
	ok(t.includes(`FAIL @${esc(HOST)}`), 'the failing item and its host');
	ok(t.includes('withheld until an NDA is in force'), 'says what is withheld');
	ok(!t.includes('no line matches') && !t.includes(esc(DETAIL)), 'nothing the host showed');
	eq((await req('yamada', 'GET', '/p/acc/assets')).status, 403,
		'as the assets page is refused');
	eq((await req('yamada', 'GET', '/p/acc/decisions')).status, 200,
		'and the decision board is not');
	const api = await req('yamada', 'GET', '/api/projects/acc/acceptance');
	eq(api.status, 200, 'the API');
	eq(api.json.withheld, {until: 'nda'}, 'says what is withheld');
	eq(api.json.hosts[HOST].failures[0].seen, null, 'seen withheld');
	eq(api.json.verified['SWO-ROUTING'].detail, null, 'detail withheld');
	const user = await req('suzuki', 'GET', '/api/projects/acc/acceptance');
	ok(/no line matches/.test(user.json.hosts[HOST].failures[0].seen), 'the user side reads it');
	eq(user.json.withheld, undefined, 'nothing withheld');
});

test('recording a verification: whom the rule book lets, and its refusal to others', async () => {
	const body = {subject: 'LNX-DM-004', method: 'review', result: 'pass',
		detail: 'sudoers reviewed: only %admin'};
	for (const login of ['kato', 'sato']) {
		const r = await req(login, 'POST', '/api/projects/acc/acceptance/verifications', body);
		eq(r.status, 403, `${login} is refused`);
		ok(/may not/.test(r.json.error), `with the rule book's message: ${r.json.error}`);
		ok(!(await page(login)).includes('<form id="verify-form"'), `no form for ${login}`);
	}
	ok((await page('yamada')).includes('<form id="verify-form"'), 'a form for the vendor member');
	const r = await signed('yamada', '/api/projects/acc/acceptance/verifications', body);
	eq(r.status, 201, `the vendor member records it: ${r.text}`);
	const ev = log().filter((e) => e.type === 'verify.record').pop();
	eq([ev.actor, ev.data.subject, ev.data.method, ev.data.result, ev.data.item_hash.length],
		['yamada', 'LNX-DM-004', 'review', 'pass', 64], 'in the log');
	const again = await signed('yamada', '/api/projects/acc/acceptance/verifications', body);
	eq(again.status, 409, 'a second one without supersede');
	ok(/record-id/.test(again.json.error), again.json.error);
	const na = await signed('tanaka', '/api/projects/acc/acceptance/verifications',
		{...body, result: 'na', supersede: true});
	eq(na.status, 409, 'an implemented item is not set aside');
	ok(/verify-subject/.test(na.json.error), na.json.error);
	ok(/LNX-DM-004<\/th><td>[^<]*<\/td><td>verified<\/td><td>pass: review by yamada/.test(await page('suzuki')),
		'the page shows it');
});

test('once an NDA is in force, the vendor side reads what the hosts showed', async () => {
	fs.writeFileSync(path.join(dir, 'nda.pdf'), 'nda\n');
	// now, after the events the server recorded
	run(['--db', db, 'nda', 'record', 'acc', path.join(dir, 'nda.pdf'), '--party', 'vendor',
		'--date', '2026-11-01', '--by', 'suzuki']);
	const t = await page('yamada');
	ok(t.includes('no line matches') && t.includes(esc(DETAIL)), 'seen and detail');
	ok(!t.includes('withheld until an NDA'), 'nothing withheld');
});

await main(stopsCleanly(srv, dir));
