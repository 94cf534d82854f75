// The web pages in a real browser (Debian chromium, driven by
// playwright-core): the user lead and the vendor lead in two browser
// contexts, each with a key made in the browser, take a project from
// creation to a signed milestone; management approves an accepted risk;
// an auditor downloads the evidence bundle, which `secspec verify` accepts.
// Every page is checked with axe-core (no serious or critical violation)
// and photographed in Japanese and English, at 1280 px and tablet width.
// Skips (77) without chromium or without node_modules (npm ci).
import {execFileSync} from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
if (!fs.existsSync(CHROMIUM)) {
	console.log(`skipped: ${CHROMIUM} is not installed (scripts/setup-debian installs it)`);
	process.exit(77);
}
if (!fs.existsSync(path.join(here, 'node_modules', 'playwright-core')) ||
    !fs.existsSync(path.join(here, 'node_modules', 'axe-core'))) {
	console.log('skipped: tests/e2e/node_modules is missing (run npm ci in tests/e2e)');
	process.exit(77);
}
const {chromium} = await import('playwright-core');
const axeSource = fs.readFileSync(path.join(here, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
const {demoDb, main, ok, eq, startServer, test, tmpdir, SECSPEC} = await import('../http/lib.mjs');

const ART = process.env.SECSPEC_E2E_ARTIFACTS || path.join(process.cwd(), 'artifacts');
fs.rmSync(ART, {recursive: true, force: true});
fs.mkdirSync(ART, {recursive: true});
const dir = tmpdir('e2e');
const db = demoDb(dir, {demo: false, accounts: ['suzuki', 'sato', 'yamada', 'kobayashi']});
const web = process.env.SECSPEC_WEB_DIR || path.join(here, '..', '..', 'web');
const srv = await startServer(db, ['--web', web]);
const browser = await chromium.launch({executablePath: CHROMIUM, args: ['--headless', '--no-sandbox']});
const P = 'shop';
const problems = [];

async function person(login) {
	const ctx = await browser.newContext({viewport: {width: 1280, height: 900}, locale: 'ja-JP'});
	const page = await ctx.newPage();
	page.on('pageerror', (e) => problems.push(`${login}: page error: ${e.message}`));
	page.on('console', (m) => {
		if (m.type() === 'error') problems.push(`${login}: console: ${m.text()}`);
	});
	await page.goto(srv.url + '/');
	ok(page.url().endsWith('/login'), `${login}: no session goes to /login (${page.url()})`);
	await page.fill('#login', login);
	await page.fill('#password', 'correct horse battery staple');
	await Promise.all([page.waitForURL(srv.url + '/'), page.click('button[type=submit]')]);
	return {login, ctx, page};
}

// Submit something that is signed: confirm the dialog (once or again on a
// 409), wait for the page to be read again, return its status text.
async function signedAction(p, submit, {expectDialogText} = {}) {
	const page = p.page;
	await submit();
	await page.waitForSelector('#sign-dialog[open]', {timeout: 15000});
	const text = await page.textContent('#sign-list');
	if (expectDialogText)
		ok(text.includes(expectDialogText), `the dialog shows "${expectDialogText}": ${text.slice(0, 300)}`);
	await Promise.all([page.waitForEvent('load', {timeout: 30000}), page.click('#sign-ok')]);
	const st = (await page.textContent('#status')) || '';
	return {dialog: text, status: st};
}

async function makeKey(p, project = P) {
	await p.page.goto(`${srv.url}/p/${project}/keys`);
	await signedAction(p, () => p.page.click('#make-key'), {expectDialogText: 'key.register'});
	const state = await p.page.textContent('#local-state');
	ok(/registered|登録済み/.test(state) && !/not registered|未登録/.test(state),
		`${p.login}: the browser's key is registered: ${state}`);
}

async function addMember(p, login, side, role) {
	await p.page.goto(`${srv.url}/p/${P}/members`);
	await p.page.fill('#m-person', login);
	await p.page.fill('#m-name', login);
	await p.page.selectOption('#m-side', side);
	await p.page.selectOption('#m-role', role);
	await signedAction(p, () => p.page.click('#member-form button[type=submit]'),
		{expectDialogText: `member.add ${login}`});
	ok((await p.page.textContent('main table')).includes(login), `${login} is listed`);
}

// The events of a project's log as the command line reads them.
function logOf(project) {
	return JSON.parse(execFileSync(SECSPEC, ['--db', db, '--json', 'log', project],
		{encoding: 'utf8'})).events;
}
function lastOf(project, type) {
	const evs = logOf(project).filter((e) => e.type === type);
	ok(evs.length > 0, `${project}: a ${type} event is in the log`);
	return evs[evs.length - 1];
}

// axe-core on the page as it is now: no serious or critical violation.
async function axeCheck(page, what) {
	await page.evaluate(axeSource);
	const res = await page.evaluate(() => globalThis.axe.run(document, {resultTypes: ['violations']}));
	const bad = res.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
	ok(bad.length === 0, `${what}: ${bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`).join('; ')}`);
}

let suzuki, sato, yamada, kobayashi;

test('the user lead creates a project and makes a key in the browser', async () => {
	suzuki = await person('suzuki');
	await suzuki.page.fill('#name', P);
	await suzuki.page.fill('#user_org', '株式会社サンプル商事');
	await suzuki.page.fill('#vendor_org', 'サンプルシステムズ株式会社');
	await Promise.all([suzuki.page.waitForURL(`${srv.url}/p/${P}/keys`),
		suzuki.page.click('#project-form button[type=submit]')]);
	await makeKey(suzuki);
	const extractable = await suzuki.page.evaluate(async (id) => new Promise((res) => {
		const rq = indexedDB.open('secspec-keys', 1);
		rq.onsuccess = () => {
			const g = rq.result.transaction('keys').objectStore('keys').get(id);
			g.onsuccess = () => res(g.result.keyPair.privateKey.extractable);
		};
	}), `${P}/suzuki`);
	eq(extractable, false, 'the private key cannot be exported');
});

test('the user lead adds the vendor lead, management and an auditor (signed)', async () => {
	await addMember(suzuki, 'sato', 'vendor', 'lead');
	await addMember(suzuki, 'yamada', 'user', 'management');
	await addMember(suzuki, 'kobayashi', 'user', 'auditor');
});

test('the vendor lead and management make their own keys', async () => {
	sato = await person('sato');
	await makeKey(sato);
	yamada = await person('yamada');
	await makeKey(yamada);
});

test('the user lead drafts the specification and decides in bulk', async () => {
	const page = suzuki.page;
	await page.goto(`${srv.url}/p/${P}/decisions`);
	await signedAction(suzuki, () => page.click('#draft-form button[type=submit]'),
		{expectDialogText: 'spec.draft'});
	await page.goto(`${srv.url}/p/${P}/decisions?section=secure-coding`);
	await page.check('#d-bulk');
	await page.selectOption('#d-policy', 'implement');
	const r = await signedAction(suzuki, () => page.click('#decide-form button[type=submit]'),
		{expectDialogText: 'decision.set'});
	ok(/\(\d+\)/.test(r.status), `bulk decision reported: ${r.status}`);
	// without a filter a bulk change is not offered
	await page.goto(`${srv.url}/p/${P}/decisions`);
	ok(await page.isDisabled('#d-bulk'), 'no bulk change without a filter');
	for (const section of ['default', 'detailed', 'attack']) {
		await page.goto(`${srv.url}/p/${P}/decisions?section=${section}`);
		await page.check('#d-bulk');
		await signedAction(suzuki, () => page.click('#decide-form button[type=submit]'));
	}
	await page.goto(`${srv.url}/p/${P}/decisions?status=open`);
	ok((await page.textContent('#shown')).match(/^0|\b0\b/), 'nothing is left open');
});

let riskItem;
test('the vendor advises on one item', async () => {
	const page = sato.page;
	await page.goto(`${srv.url}/p/${P}/decisions?section=default`);
	riskItem = await page.getAttribute('button.pick', 'data-item');
	ok(riskItem, 'an item of the minimum default mitigations');
	await page.click(`button.pick[data-item="${riskItem}"]`);
	eq(await page.inputValue('#a-item'), riskItem, 'the pick fills the form');
	await page.fill('#a-note', 'Implementing this costs little; without it an intrusion spreads');
	await signedAction(sato, () => page.click('#advise-form button[type=submit]'),
		{expectDialogText: `advice.add ${riskItem}`});
	ok((await page.textContent(`#row-${riskItem}`)).includes('without it an intrusion'),
		'the advice is shown beside the decision');
});

test('the user lead accepts the risk on that item and sees its legal weight', async () => {
	const page = suzuki.page;
	await page.goto(`${srv.url}/p/${P}/decisions?section=default`);
	ok((await page.textContent('#d-legal')).length > 20, 'the weight is shown where it is decided');
	await page.click(`button.pick[data-item="${riskItem}"]`);
	await page.selectOption('#d-policy', 'accept');
	await page.fill('#d-reason', 'The legacy terminal cannot take it until the 2027 renewal');
	await page.fill('#d-scenario', 'An attacker on the office network reuses a stolen password');
	await page.fill('#d-review', '2027-06-30');
	const r = await signedAction(suzuki, () => page.click('#decide-form button[type=submit]'),
		{expectDialogText: `decision.set ${riskItem}: accept`});
	ok(r.status.length > 30, `the decide answer's note is shown: ${r.status}`);
	ok((await page.textContent(`#row-${riskItem}`)).includes('sato'), 'advice still beside it');
});

test('management approves the accepted risk', async () => {
	const page = yamada.page;
	await page.goto(`${srv.url}/p/${P}/approvals`);
	ok((await page.textContent('main')).includes(riskItem), 'the item waits for approval');
	await page.fill('form[data-signed] textarea', 'Approved with the review date');
	await signedAction(yamada, () => page.click('form[data-signed] button[value=approve]'),
		{expectDialogText: `approval.set ${riskItem}: approved`});
	ok((await page.textContent('#done')).length > 0, 'listed as decided');
	ok((await page.textContent('main')).includes('yamada'), 'approved by yamada');
});

test('both leads and management sign milestone spec-v1', async () => {
	await suzuki.page.goto(`${srv.url}/p/${P}/milestones`);
	await signedAction(suzuki, () => suzuki.page.click('#open-form button[type=submit]'),
		{expectDialogText: 'spec-v1'});
	for (const p of [sato, yamada]) {
		await p.page.goto(`${srv.url}/p/${P}/milestones`);
		await signedAction(p, () => p.page.click('#sign-0 button[type=submit]'));
	}
	const main = await yamada.page.textContent('main');
	ok(/complete|署名完了|完了/.test(main), `spec-v1 is complete: ${main.slice(0, 400)}`);
});

test('an auditor downloads the bundle and secspec verify accepts it', async () => {
	kobayashi = await person('kobayashi');
	const page = kobayashi.page;
	await page.goto(`${srv.url}/p/${P}/evidence`);
	ok(await page.isVisible('#verdict.good'), 'the log verifies');
	const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
	const file = path.join(ART, `${P}-evidence.tar.gz`);
	await dl.saveAs(file);
	const out = execFileSync(SECSPEC, ['--json', 'verify', file], {encoding: 'utf8'});
	ok(JSON.parse(out).ok, `secspec verify accepts the bundle: ${out.slice(0, 300)}`);
});

test('the user lead records minutes with the form (signed)', async () => {
	const page = suzuki.page;
	await page.goto(`${srv.url}/p/${P}/minutes`);
	await page.fill('#mi-date', '2026-12-01');
	await page.fill('#mi-title', 'Kick-off of the specification');
	await page.check('input[name=attendees][value=suzuki]');
	await page.check('input[name=attendees][value=sato]');
	await page.fill('#mi-topics', 'Scope of the CRM renewal\nWho bears the cost of the tokens');
	await page.fill('#mi-items', riskItem);
	// two files attached: uploaded first, then named by the signed minutes
	const slides = crypto.randomBytes(150 * 1024), memo = Buffer.from('議事メモ: トークンの費用\n');
	await page.setInputFiles('#mi-files', [
		{name: 'kick-off slides.pdf', mimeType: 'application/pdf', buffer: slides},
		{name: 'メモ.txt', mimeType: 'text/plain', buffer: memo}]);
	const {dialog} = await signedAction(suzuki, () => page.click('#minutes-form button[type=submit]'),
		{expectDialogText: 'minutes.add'});
	const sha = (b) => crypto.createHash('sha256').update(b).digest('hex');
	ok(dialog.includes(sha(slides)), `the dialog shows the attachment's hash: ${dialog.slice(0, 300)}`);
	ok((await page.textContent('main table')).includes('Kick-off of the specification'),
		'the minutes are listed');
	// the log: the signed minutes.add carries both files' names, hashes and sizes
	const ev = lastOf(P, 'minutes.add');
	eq(ev.data.attachments, [
		{name: 'kick-off slides.pdf', sha256: sha(slides), size: slides.length},
		{name: 'メモ.txt', sha256: sha(memo), size: memo.length}], 'the attachments in the log');
	ok(ev.key, 'signed in the browser');
	// each downloads back, byte for byte, under its name
	for (const [name, bytes] of [['kick-off slides.pdf', slides], ['メモ.txt', memo]]) {
		const [dl] = await Promise.all([page.waitForEvent('download'),
			page.click(`main table a[download="${name}"]`)]);
		eq(dl.suggestedFilename(), name, 'the file\'s name');
		const got = fs.readFileSync(await dl.path());
		ok(got.equals(bytes), `${name}: the same bytes back`);
	}
	await axeCheck(page, 'minutes with attachments');
});

test('the vendor lead records who bears a cost on the negotiation page (signed)', async () => {
	const page = sato.page;
	await page.goto(`${srv.url}/p/${P}/negotiation`);
	await page.selectOption('#co-on', 'item');
	await page.fill('#co-ref', riskItem);
	await page.selectOption('#co-bearer', 'user');
	await page.fill('#co-basis', 'The token licences are bought by the user');
	await signedAction(sato, () => page.click('#cost-form button[type=submit]'),
		{expectDialogText: 'cost.set'});
	const row = await page.textContent('#cost-table');
	ok(row.includes(riskItem) && row.includes('The token licences'), `the cost is listed: ${row.slice(0, 300)}`);
});

test('the documents page gives the specification as agreed at spec-v1', async () => {
	const page = sato.page;
	await page.goto(`${srv.url}/p/${P}/documents`);
	const href = await page.getAttribute('main a[href*="as_of=spec-v1"][href*="format=md"]', 'href');
	ok(href, 'a link to the agreed version');
	const md = await page.evaluate(async (u) => (await fetch(u)).text(), href);
	ok(md.startsWith('#') && md.includes(P), `the agreed document: ${md.slice(0, 120)}`);
	const bad = await sato.ctx.request.get(`${srv.url}/api/projects/${P}/spec?as_of=no-such-milestone`);
	eq(bad.status(), 404, 'an unknown milestone is not found');
});


// A second project, made before its vendor is chosen: the user lead records
// the candidates, a document and the NDA with one, and selects it.
const Q = 'pick';
const daysAgo = (n) => new Date(Date.now() - n * 86400e3).toISOString().slice(0, 10);
const sha = (buf) => crypto.createHash('sha256').update(buf).digest('hex');

test('the user lead records a candidate, its proposal and NDA, and selects the vendor (signed)', async () => {
	const page = suzuki.page;
	await page.goto(`${srv.url}/`);
	await page.fill('#name', Q);
	await page.fill('#user_org', '株式会社サンプル商事');
	await Promise.all([page.waitForURL(`${srv.url}/p/${Q}/keys`),
		page.click('#project-form button[type=submit]')]);
	await makeKey(suzuki, Q);
	await page.goto(`${srv.url}/p/${Q}/negotiation`);
	ok(!(await page.isVisible('#vendor-form')), 'no selection before a candidate');
	await page.fill('#cd-id', 'acme');
	await page.fill('#cd-org', 'Acme Systems');
	await signedAction(suzuki, () => page.click('#candidate-form button[type=submit]'),
		{expectDialogText: 'candidate.add acme'});
	await axeCheck(page, 'the negotiation page with the selection forms');
	const proposal = Buffer.from('Acme: proposal for the CRM renewal\n');
	await page.selectOption('#cdd-id', 'acme');
	await page.selectOption('#cdd-kind', 'proposal');
	await page.setInputFiles('#cdd-file',
		{name: 'proposal-acme.pdf', mimeType: 'application/pdf', buffer: proposal});
	await signedAction(suzuki, () => page.click('#candidate-doc-form button[type=submit]'),
		{expectDialogText: 'candidate.document'});
	const nda = Buffer.from('Mutual NDA between the user and Acme Systems\n');
	await page.selectOption('#nd-party', 'acme');
	await page.fill('#nd-date', daysAgo(30));
	await page.fill('#nd-expires', daysAgo(-1000));
	await page.fill('#nd-title', 'Mutual NDA');
	await page.setInputFiles('#nd-file', {name: 'nda-acme.pdf', mimeType: 'application/pdf', buffer: nda});
	await signedAction(suzuki, () => page.click('#nda-form button[type=submit]'),
		{expectDialogText: 'nda.record'});
	await page.selectOption('#vs-candidate', 'acme');
	await page.fill('#vs-reason', 'Concrete answers to the security requirements');
	await signedAction(suzuki, () => page.click('#vendor-form button[type=submit]'),
		{expectDialogText: 'vendor.select'});
	const row = await page.textContent('#candidate-table');
	ok(row.includes('acme') && row.includes(daysAgo(30)), `the candidate with its NDA: ${row}`);
	ok(!(await page.isVisible('#candidate-form')), 'no more candidates once the vendor is selected');
	// in the log, signed by suzuki's key, with the hashes the browser made
	const doc = lastOf(Q, 'candidate.document');
	eq(doc.actor, 'suzuki', 'candidate.document by');
	ok(doc.key, 'candidate.document is signed');
	ok(JSON.stringify(doc.data).includes(sha(proposal)), `the proposal's hash: ${JSON.stringify(doc.data)}`);
	ok(JSON.stringify(doc.data).includes('proposal-acme.pdf'), 'and its name');
	const n = lastOf(Q, 'nda.record');
	eq([n.actor, n.data.party, n.data.date], ['suzuki', 'acme', daysAgo(30)], 'nda.record');
	ok(n.key && JSON.stringify(n.data).includes(sha(nda)), `the NDA's hash: ${JSON.stringify(n.data)}`);
	const v = lastOf(Q, 'vendor.select');
	eq([v.actor, v.data.candidate, v.data.org], ['suzuki', 'acme', 'Acme Systems'], 'vendor.select');
	ok(v.key, 'vendor.select is signed');
});

test('the user lead records a law and a retention period for an asset (signed)', async () => {
	const page = suzuki.page;
	// the target system first, from the assets page's own form
	await page.goto(`${srv.url}/p/${Q}/assets`);
	await page.fill('#sy-name', 'crm');
	await page.fill('#sy-devices', 'CRM server\nSales PCs');
	await page.fill('input[data-policy=authentication]', 'MFA for every account');
	await signedAction(suzuki, () => page.click('#system-form button[type=submit]'),
		{expectDialogText: 'system.set'});
	const sys = lastOf(Q, 'system.set');
	eq([sys.actor, sys.data.name, sys.data.devices], ['suzuki', 'crm', ['CRM server', 'Sales PCs']],
		'system.set');
	eq(sys.data.measures, [{implementation: 'MFA for every account', policy: 'authentication'}],
		'the policy and its implementation, paired');
	ok(sys.key, 'system.set is signed');
	await page.fill('#as-id', 'customers');
	await page.fill('#as-name', 'Customer records');
	await page.fill('#as-system', 'crm');
	await signedAction(suzuki, () => page.click('#asset-form button[type=submit]'),
		{expectDialogText: 'asset.set'});
	await page.goto(`${srv.url}/p/${Q}/negotiation`);
	await page.fill('#lw-id', 'appi');
	await page.fill('#lw-title', 'Act on the Protection of Personal Information');
	await page.selectOption('#lw-kind', 'law');
	await page.fill('#lw-authority', 'Personal Information Protection Commission');
	await page.check('input[name=assets][value=customers]');
	await page.fill('#lw-review', daysAgo(-365));
	await signedAction(suzuki, () => page.click('#law-form button[type=submit]'),
		{expectDialogText: 'law.set appi'});
	ok((await page.textContent('#law-table')).includes('Act on the Protection'), 'the law is listed');
	await page.selectOption('#rt-asset', 'customers');
	await page.selectOption('#rt-keep', 'true');
	await page.fill('#rt-period', 'five years after the last transaction');
	await page.fill('#rt-method', 'deleted, backups rotated out');
	await signedAction(suzuki, () => page.click('#retention-form button[type=submit]'),
		{expectDialogText: 'asset.retention'});
	ok((await page.textContent('#retention-table')).includes('five years'), 'the retention is listed');
	const law = lastOf(Q, 'law.set');
	eq([law.actor, law.data.id, law.data.kind, law.data.assets, law.data.review_by],
		['suzuki', 'appi', 'law', ['customers'], daysAgo(-365)], 'law.set');
	ok(law.key, 'law.set is signed');
	const rt = lastOf(Q, 'asset.retention');
	eq([rt.actor, rt.data.asset, rt.data.keep, rt.data.period],
		['suzuki', 'customers', true, 'five years after the last transaction'], 'asset.retention');
	ok(rt.key, 'asset.retention is signed');
});

test('the user lead records the requirement standard and a diagnosis with its report (signed)', async () => {
	const page = suzuki.page;
	await page.goto(`${srv.url}/p/${Q}/negotiation`);
	await page.fill('#st-standard', 'asvs');
	await page.fill('#st-version', '4.0.3');
	await page.selectOption('#st-level', '2');
	await signedAction(suzuki, () => page.click('#standard-form button[type=submit]'),
		{expectDialogText: 'standard.set'});
	ok((await page.textContent('#standard-table')).includes('4.0.3'), 'the standard is listed');
	const report = Buffer.from('Diagnosis report: no high-risk finding\n');
	await page.selectOption('#dg-kind', 'pentest');
	await page.fill('#dg-standard', 'ASVS 4.0.3 level 2');
	await page.fill('#dg-date', daysAgo(3));
	await page.fill('#dg-result', 'No high-risk finding');
	await page.setInputFiles('#dg-file', {name: 'report.pdf', mimeType: 'application/pdf', buffer: report});
	await signedAction(suzuki, () => page.click('#diagnosis-form button[type=submit]'),
		{expectDialogText: 'diagnosis.add'});
	ok((await page.textContent('#diagnosis-table')).includes('No high-risk finding'), 'the diagnosis is listed');
	const st = lastOf(Q, 'standard.set');
	eq([st.actor, st.data.standard, st.data.version, st.data.level], ['suzuki', 'asvs', '4.0.3', 2],
		'standard.set');
	const dg = lastOf(Q, 'diagnosis.add');
	eq([dg.actor, dg.data.kind, dg.data.date], ['suzuki', 'pentest', daysAgo(3)], 'diagnosis.add');
	ok(dg.key && JSON.stringify(dg.data).includes(sha(report)), `the report's hash: ${JSON.stringify(dg.data)}`);
	ok(!('contract' in dg.data) || dg.data.contract === null, 'no contract chosen, none recorded');
});

test('a lead moves the project to the next step from the overview (signed)', async () => {
	const page = suzuki.page;
	await page.goto(`${srv.url}/p/${Q}`);
	await page.selectOption('#ph-step', '2');
	await page.check('#ph-force');
	await page.fill('#ph-reason', 'The concept was agreed in the kick-off');
	await signedAction(suzuki, () => page.click('#phase-form button[type=submit]'),
		{expectDialogText: 'phase.set'});
	const ph = lastOf(Q, 'phase.set');
	eq([ph.actor, ph.data.step ?? ph.data.phase], ['suzuki', 2], `phase.set: ${JSON.stringify(ph.data)}`);
});

test('the user lead removes the auditor (signed)', async () => {
	const page = suzuki.page;
	await page.goto(`${srv.url}/p/${P}/members`);
	await page.selectOption('#rm-person', 'kobayashi');
	await signedAction(suzuki, () => page.click('#remove-form button[type=submit]'),
		{expectDialogText: 'member.remove kobayashi'});
	const rm = lastOf(P, 'member.remove');
	eq([rm.actor, rm.data.person], ['suzuki', 'kobayashi'], 'member.remove');
	ok(rm.key, 'member.remove is signed');
	const list = JSON.parse(execFileSync(SECSPEC, ['--db', db, '--json', 'member', 'list', P],
		{encoding: 'utf8'}));
	eq(list.find((m) => m.person === 'kobayashi').active, false, 'kobayashi is no longer active');
	ok(!(await page.textContent('#rm-person')).includes('kobayashi'), 'and is no longer offered');
});

test('the user lead revokes management\'s key (signed); it signs nothing more', async () => {
	const page = suzuki.page;
	const keys = await (await suzuki.ctx.request.get(`${srv.url}/api/projects/${P}/keys`)).json();
	const fp = keys.find((k) => k.person === 'yamada' && k.active).fingerprint;
	await page.goto(`${srv.url}/p/${P}/keys`);
	await page.selectOption('#rv-key', fp);
	await page.fill('#rv-reason', 'The laptop was lost');
	await signedAction(suzuki, () => page.click('#revoke-form button[type=submit]'),
		{expectDialogText: 'key.revoke'});
	const rv = lastOf(P, 'key.revoke');
	eq([rv.actor, rv.data.fingerprint, rv.data.reason], ['suzuki', fp, 'The laptop was lost'], 'key.revoke');
	ok(rv.key, 'key.revoke is signed');
	// yamada's browser still holds the key: the server refuses its signature
	await yamada.page.goto(`${srv.url}/p/${P}/minutes`);
	await yamada.page.fill('#mi-date', daysAgo(0));
	await yamada.page.fill('#mi-title', 'After the revocation');
	await yamada.page.check('input[name=attendees][value=yamada]');
	await yamada.page.click('#minutes-form button[type=submit]');
	await yamada.page.waitForSelector('#sign-dialog[open], #status.bad', {timeout: 15000});
	if (await yamada.page.isVisible('#sign-dialog[open]')) await yamada.page.click('#sign-ok');
	await yamada.page.waitForSelector('#status.bad', {timeout: 15000});
	eq(logOf(P).filter((e) => e.type === 'minutes.add' && e.actor === 'yamada').length, 0,
		'nothing signed with the revoked key is in the log');
	await yamada.page.goto(`${srv.url}/p/${P}/keys`);
	await yamada.page.waitForFunction(() => document.getElementById('local-state').textContent !== '');
	ok(await yamada.page.isVisible('#make-key'), 'yamada is offered a new key in place of the revoked one');
	problems.splice(0, problems.length,
		...problems.filter((t) => !/^yamada: console: .* 40[0-9] /.test(t)));
});

let admin;
test('an administrator creates an account, which logs in and changes its password', async () => {
	admin = await person('admin');
	const page = admin.page;
	await page.click('a[href="/admin/accounts"]');
	await page.fill('#a-login', 'tanaka');
	await page.fill('#a-name', '田中 一郎');
	await page.fill('#a-password', 'correct horse battery staple');
	await Promise.all([page.waitForEvent('load'), page.click('#account-form button[type=submit]')]);
	ok((await page.textContent('#accounts')).includes('田中 一郎'), 'the new account is listed');
	const tanaka = await person('tanaka');
	const forbidden = await tanaka.page.goto(`${srv.url}/admin/accounts`);
	eq(forbidden.status(), 403, 'a person who is not an administrator gets no account list');
	ok(await tanaka.page.isVisible('main [role=alert]'), 'as an error page');
	// the browser logs the expected 403 of that page as a console error
	problems.splice(0, problems.length,
		...problems.filter((t) => !/^tanaka: console: .* 403 /.test(t)));
	await tanaka.page.click('a[href="/account"]');
	await tanaka.page.fill('#pw-old', 'correct horse battery staple');
	await tanaka.page.fill('#pw-new', 'a new and longer passphrase');
	await tanaka.page.fill('#pw-again', 'a new and longer passphrase');
	await Promise.all([tanaka.page.waitForEvent('load'),
		tanaka.page.click('#password-form button[type=submit]')]);
	ok((await tanaka.page.textContent('#status')).length > 0, 'the change is reported');
	// the renewed session and its CSRF token work: set up a second factor
	await tanaka.page.fill('#te-password', 'a new and longer passphrase');
	await tanaka.page.click('#totp-enroll button[type=submit]');
	await tanaka.page.waitForSelector('#totp-new:not([hidden])');
	ok(/^[A-Z2-7]{16,}$/.test(await tanaka.page.textContent('#totp-secret')), 'the key is shown');
	ok((await tanaka.page.textContent('#totp-uri')).startsWith('otpauth://totp/'), 'and its URI');
	await tanaka.ctx.close();
});

// Components and vulnerabilities (rules 5): an SBOM imported with the command
// line; the vendor lead records an analysis with the page's form, the user
// lead accepts it with the decision form, both signed in the browser.
const C = 'parts';
test('the vendor lead analyses a vulnerability and the user lead accepts it (signed)', async () => {
	const cli = (...a) => execFileSync(SECSPEC, ['--db', db, ...a], {encoding: 'utf8'});
	cli('project', 'create', C, '--user', 'U', '--vendor', 'V', '--by', 'suzuki', '--side', 'user');
	cli('member', 'add', C, 'sato', '--side', 'vendor', '--role', 'lead', '--by', 'suzuki');
	cli('sbom', 'import', C, fileURLToPath(new URL('../../../shared/data/sbom/spdx/SPDXJSONExample-v2.3.spdx.json', import.meta.url)), '--by', 'sato');
	await makeKey(sato, C);
	await makeKey(suzuki, C);
	const page = sato.page;
	await page.goto(`${srv.url}/p/${C}/components`);
	ok((await page.textContent('main table')).includes('Jena'), 'the components are listed');
	await page.fill('#va-vuln', 'CVE-2099-0001');
	await page.selectOption('#va-component', 'SPDXRef-fromDoap-0');
	await page.selectOption('#va-state', 'affected');
	await page.check('input[name=response][value=update]');
	await page.fill('#va-detail', 'the XML parser is reachable; upgraded to 3.17.0');
	await signedAction(sato, () => page.click('#vuln-analysis-form button[type=submit]'),
		{expectDialogText: 'vuln.analysis'});
	const an = lastOf(C, 'vuln.analysis');
	eq([an.actor, an.data.vuln, an.data.component, an.data.state, an.data.response],
		['sato', 'CVE-2099-0001', 'SPDXRef-fromDoap-0', 'affected', ['update']], 'vuln.analysis');
	ok(an.key, 'vuln.analysis is signed');
	await axeCheck(page, 'the components page with the analysis form');
	const u = suzuki.page;
	await u.goto(`${srv.url}/p/${C}/components`);
	await u.fill('#vuln-decide-0-reason', 'the upgrade is in the next release');
	await signedAction(suzuki, () => u.click('#vuln-decide-0 button[value=accept]'),
		{expectDialogText: 'vuln.decide'});
	const d = lastOf(C, 'vuln.decide');
	eq([d.actor, d.data.verdict, d.data.analysis], ['suzuki', 'accept', an.seq], 'vuln.decide');
	ok(d.key, 'vuln.decide is signed');
	await axeCheck(u, 'the components page with the register');
});

const PAGES = ['/login', '/', '/account', '/admin/accounts', `/p/${P}`, `/p/${P}/members`, `/p/${P}/keys`,
	`/p/${P}/decisions`, `/p/${P}/approvals`, `/p/${P}/milestones`, `/p/${P}/evidence`,
	`/p/${P}/assets`, `/p/${P}/minutes`, `/p/${P}/changes`, `/p/${P}/negotiation`,
	`/p/${P}/coverage`, `/p/${P}/documents`, `/p/${P}/acceptance`, `/p/${Q}`, `/p/${Q}/negotiation`,
	`/p/${C}/components`, '/catalog',
	'/catalog/1.1.0/WIN-AT-001'];

test('every page in both languages: no serious axe violation, screenshots', async () => {
	const anon = await browser.newContext();
	const views = [['desktop', 1280, 900], ['tablet', 820, 1180]];
	for (const lang of ['ja', 'en']) {
		for (const url of PAGES) {
			const who = url === '/login' ? await anon.newPage()
				: url.startsWith('/admin/') ? admin.page : suzuki.page;
			await who.goto(`${srv.url}${url}?lang=${lang}`);
			eq(await who.getAttribute('html', 'lang'), lang, `${url} in ${lang}`);
			await who.evaluate(axeSource);
			const res = await who.evaluate(() => globalThis.axe.run(document,
				{resultTypes: ['violations']}));
			const bad = res.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
			ok(bad.length === 0, `${url} (${lang}): ${bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`).join('; ')}`);
			const name = url === '/' ? 'home'
				: url.replace(/^\/p\/([^/]+)/, (m, q) => (q === P ? 'project' : `project-${q}`)).replace(/^\//, '').replace(/[/.]/g, '_');
			for (const [view, w, h] of views) {
				await who.setViewportSize({width: w, height: h});
				await who.screenshot({path: path.join(ART, `${name}.${lang}.${view}.png`), fullPage: true});
			}
			await who.setViewportSize({width: 1280, height: 900});
			if (url === '/login') await who.close();
		}
	}
	await anon.close();
});

test('no script error and no CSP violation on any page', async () => {
	ok(problems.length === 0, problems.join('\n'));
});

await main(async () => {
	await browser.close();
	await srv.stop();
	fs.rmSync(dir, {recursive: true, force: true});
});
