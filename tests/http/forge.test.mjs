// The server cannot sign for anyone. Whoever runs it holds the database and
// every session, but not the people's keys: a change it makes or writes on
// their behalf without their signature is refused by the rule book when it
// is made, and caught by `log verify` and by `secspec verify` on the bundle
// when it is written behind the server's back.
import crypto from 'node:crypto';
import {execFileSync} from 'node:child_process';
import path from 'node:path';
import {Client, demoDb, eq, main, newKey, ok, run, startServer, test, tmpdir} from './lib.mjs';

const dir = tmpdir('forge');
const db = demoDb(dir, {demo: false, accounts: ['suzuki', 'sato']});
const srv = await startServer(db);
const user = new Client(srv.url), vendor = new Client(srv.url);
const ukey = newKey(), vkey = newKey(), operator = newKey();
const P = '/api/projects/forge';

function head() {
	return JSON.parse(run(['--db', db, '--json', 'log', 'head', 'forge'])).tree_size;
}
function sql(q) {
	return execFileSync('sqlite3', [db, q], {encoding: 'utf8'}).trim();
}

test('setup: two leads with keys made away from the server', async () => {
	eq((await user.login('suzuki')).status, 201, 'user login');
	eq((await vendor.login('sato')).status, 201, 'vendor login');
	eq((await user.req('POST', '/api/projects',
		{name: 'forge', user_org: 'U', vendor_org: 'V', side: 'user'})).status, 201, 'create');
	eq((await user.registerKey('forge', ukey)).status, 201, 'user key');
	eq((await user.signed('POST', P + '/members',
		{person: 'sato', side: 'vendor', role: 'lead', name: 'Sato'}, ukey)).status, 201, 'add');
	eq((await vendor.registerKey('forge', vkey)).status, 201, 'vendor key');
	eq((await user.signed('POST', P + '/draft', {}, ukey)).status, 201, 'draft');
});

test('the operator cannot make an unsigned change for a person with a key', async () => {
	const before = head();
	let status = 0, err = '';
	try {
		run(['--db', db, 'advise', 'forge', 'APP-SC-001', '--note', 'forged', '--by', 'sato'],
			{}, {stdio: ['ignore', 'pipe', 'pipe']});
	} catch (e) { status = e.status; err = String(e.stderr); }
	ok(status !== 0, 'the CLI on the server refuses it');
	ok(/sig-required|registered key/.test(err), `said why: ${err}`);
	eq(head(), before, 'nothing was appended');
});

test('the operator\'s own key does not pass for the vendor\'s', async () => {
	const before = head();
	// the operator can act in any session (it holds the database) but signs
	// with a key of its own
	const first = await vendor.req('POST', P + '/advice',
		{item: 'APP-SC-001', note: 'forged advice', fingerprint: vkey.fingerprint});
	eq(first.status, 202, 'proposed');
	const s = first.json.sign;
	const r = await vendor.req('POST', P + '/advice', {item: 'APP-SC-001', note: 'forged advice',
		time: s.time, fingerprint: s.fingerprint, signatures: s.bodies.map(operator.sign)});
	eq(r.status, 409, 'refused: the signature is not the key\'s');
	eq(head(), before, 'nothing was appended');
	// claiming the operator's key as the vendor's is refused too
	const r2 = await vendor.signed('POST', P + '/advice',
		{item: 'APP-SC-001', note: 'forged advice'}, operator);
	ok(r2.status === 403 || r2.status === 409, `an unregistered key is refused (${r2.status})`);
	eq(head(), before, 'still nothing appended');
});

test('written into the database behind the server, it is caught by verify', async () => {
	const first = await vendor.req('POST', P + '/advice',
		{item: 'APP-SC-001', note: 'forged advice', fingerprint: vkey.fingerprint});
	eq(first.status, 202, 'proposed');
	const body = first.json.sign.bodies[0];
	const ev = JSON.parse(body);
	const hash = crypto.createHash('sha256')
		.update(Buffer.concat([Buffer.from([0]), Buffer.from(body, 'utf8')])).digest('hex');
	const sig = operator.sign(body);
	const pid = sql("SELECT id FROM project_key WHERE name = 'forge'");
	const esc = (s) => s.replace(/'/g, "''");
	sql(`BEGIN; INSERT INTO event(project_id, seq, time, actor, side, role, type, hash, sig, body)
		VALUES (${pid}, ${ev.seq}, '${ev.time}', '${ev.actor}', '${ev.side}', '${ev.role}',
		'${ev.type}', '${hash}', '${sig}', '${esc(body)}');
		UPDATE project_key SET head_seq = ${ev.seq}, head_hash = '${hash}' WHERE id = ${pid};
		COMMIT;`);
	let status = 0, out = '';
	try {
		run(['--db', db, '--json', 'log', 'verify', 'forge'], {}, {stdio: ['ignore', 'pipe', 'pipe']});
	} catch (e) { status = e.status; out = String(e.stdout); }
	ok(status !== 0, 'log verify fails');
	const problems = JSON.parse(out).problems;
	ok(problems.some((p) => p.seq === ev.seq && p.rule === 'sig-invalid'),
		`the forged event is named with sig-invalid: ${JSON.stringify(problems)}`);
	// the same through the API (what the auditor's page shows)
	const v = await user.req('GET', P + '/log/verify');
	eq(v.status, 200, 'verify answers');
	eq(v.json.ok, false, 'and says the log is not sound');
	// the bundle an auditor would be given is rejected offline
	const bundle = path.join(dir, 'forge.tar.gz');
	let exported = true;
	try {
		run(['--db', db, 'evidence', 'export', 'forge', '-o', bundle], {},
			{stdio: ['ignore', 'pipe', 'pipe']});
	} catch { exported = false; }
	if (exported) {
		let vs = 0;
		try {
			run(['verify', bundle], {}, {stdio: ['ignore', 'pipe', 'pipe']});
		} catch (e) { vs = e.status; }
		ok(vs !== 0, 'secspec verify rejects the bundle');
	}
});

await main(() => srv.stop());
