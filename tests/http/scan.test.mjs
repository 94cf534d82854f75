// sqlmap and wapiti against secspec serve, logged in, bounded in time:
// sqlmap on a query filter, a signed change's JSON body, a path segment and
// the login; wapiti over the GET routes with parameters. Both must report
// nothing. Exits 77 (skipped) when either tool is missing: install them with
// scripts/setup-debian --security (scripts/test does). Only the plain build
// runs it (tests/http/CMakeLists.txt): the scanners test the server's logic,
// not its memory, and would take long under the sanitizers.
import {spawn, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {Client, demoDb, eq, main, newKey, ok, startServer, test, tmpdir} from './lib.mjs';

for (const tool of ['sqlmap', 'wapiti']) {
	if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) {
		console.log(`skipped: ${tool} is not installed (scripts/setup-debian --security)`);
		process.exit(77);
	}
}

const dir = tmpdir('scan');
const OUT = process.env.SECSPEC_ARTIFACTS || dir;
const db = demoDb(dir, {accounts: ['suzuki']});
// --secure: as deployed behind TLS (Secure cookies, HSTS)
const srv = await startServer(db, ['--secure']);
const u = new Client(srv.url);
eq((await u.login('suzuki')).status, 201, 'login');
const key = newKey();
eq((await u.registerKey('demo', key)).status, 201, 'key');
const cookie = u.cookie;

// Run a command with a time limit; resolves {status, out}.
function runTool(cmd, args, seconds, log) {
	return new Promise((resolve) => {
		const p = spawn(cmd, args, {cwd: dir, env: {...process.env, HOME: dir}, stdio: ['ignore', 'pipe', 'pipe']});
		let out = '';
		p.stdout.on('data', (d) => { out += d; });
		p.stderr.on('data', (d) => { out += d; });
		const timer = setTimeout(() => p.kill('SIGKILL'), seconds * 1000);
		p.on('exit', (status, signal) => {
			clearTimeout(timer);
			fs.writeFileSync(path.join(OUT, log), out);
			resolve({status: signal ? signal : status, out});
		});
	});
}

// sqlmap's verdict from its output and its results file: every parameter
// tested and found not injectable, no server error, no lost session.
async function sqlmap(name, args, params, {loggedIn = true, extra = []} = {}) {
	const outDir = path.join(dir, `sqlmap-${name}`);
	const t = Date.now();
	const r = await runTool('sqlmap', [...args, '-p', params.join(','), '--batch', '--level', '2', '--risk', '1',
		'--technique', 'BEUT', '--time-sec', '1', '--timeout', '10', '--retries', '0', '--flush-session',
		'--skip-waf', '--disable-coloring', '--output-dir', outDir,
		'-H', `Origin: ${srv.url}`, '-H', `X-CSRF-Token: ${u.csrf}`,
		...(loggedIn ? ['--cookie', cookie] : []), ...extra], 150, `sqlmap-${name}.log`);
	console.log(`# sqlmap ${name}: ${((Date.now() - t) / 1000).toFixed(0)} s, log in ${path.join(OUT, `sqlmap-${name}.log`)}`);
	eq(r.status, 0, `sqlmap ${name} exit status`);
	ok(!/identified the following injection point|appears to be .* injectable|is vulnerable|might be injectable/i.test(r.out),
		`sqlmap ${name} found an injection:\n${r.out.slice(-3000)}`);
	ok(/all tested parameters do not appear to be injectable/.test(r.out), `sqlmap ${name}: no verdict:\n${r.out.slice(-2000)}`);
	for (const p of params)
		ok(new RegExp(`parameter '(\\w+ )?${p.replace('*', '\\*')}' does not seem to be injectable`).test(r.out),
			`sqlmap ${name}: parameter ${p} was not tested`);
	const codes = (r.out.match(/HTTP error codes detected during run:\n(.*)/) || [, ''])[1];
	ok(!/\b5\d\d \(/.test(codes), `sqlmap ${name}: server errors: ${codes}`);
	if (loggedIn)
		ok(!/\b401 \(/.test(codes), `sqlmap ${name}: the session was lost: ${codes}`);
	ok(!/unable to connect|connection timed out|connection refused/i.test(r.out), `sqlmap ${name}: connection trouble`);
	const csv = fs.readdirSync(outDir).filter((f) => f.endsWith('.csv'));
	for (const f of csv) {
		const rows = fs.readFileSync(path.join(outDir, f), 'utf8').trim().split('\n');
		eq(rows.length, 1, `sqlmap ${name}: ${f} lists injection points: ${rows.slice(1).join('; ')}`);
	}
}

test('sqlmap: the requirement filter (query)', async () => {
	await sqlmap('filter', ['-u', `${srv.url}/api/projects/demo/requirements?section=secure-coding&status=decided&platform=application&category=input-output`],
		['platform', 'category', 'status']);
});

test('sqlmap: a catalog item (path segment)', async () => {
	await sqlmap('item', ['-u', `${srv.url}/api/catalog/1.1.0/items/APP-SC-001*`], ['#1*']);
});

test('sqlmap: a decision (JSON body of a signed change, first step)', async () => {
	const before = (await u.req('GET', '/api/projects/demo/log/head')).json;
	await sqlmap('decide', ['-u', `${srv.url}/api/projects/demo/decisions`, '--method', 'POST',
		'--data', JSON.stringify({item: 'APP-SC-005', policy: 'accept', reason: 'low exposure', scenario: 'an insider',
			category: 'input-output', fingerprint: key.fingerprint})],
	['item', 'reason', 'scenario', 'category']);
	eq((await u.req('GET', '/api/projects/demo/log/head')).json, before, 'nothing was appended (unsigned)');
});

test('wapiti: the GET routes with parameters, logged in', async () => {
	const report = path.join(OUT, 'wapiti-report.json');
	const starts = ['/api/openapi.json', '/api/projects/demo/requirements?section=secure-coding&status=decided&platform=application&category=input-output',
		'/api/projects/demo/changes?state=open', '/api/projects/demo/spec?format=html&doclang=en',
		'/api/catalog/1.1.0/items?category=input-output', '/api/projects/demo/log/consistency?from=1&to=5',
		'/api/projects/demo/keys/pop?public_key=' + key.pubHex];
	const t = Date.now();
	// the catalog's item pages (174 items of each version, in two languages)
	// are one handler: 40 pages of a folder reach it as well as all of them
	const r = await runTool('wapiti', ['-u', `${srv.url}/`, '--scope', 'folder', ...starts.flatMap((s) => ['-s', srv.url + s]),
		'-m', 'sql,blindsql,exec,file,xss,permanentxss,crlf,redirect,http_headers,csp,cookieflags,methods,htaccess,backup,shellshock',
		'--max-scan-time', '120', '--max-attack-time', '30', '--max-files-per-dir', '40', '--flush-session',
		'--store-session', path.join(dir, 'wapiti-session'), '--store-config', path.join(dir, 'wapiti-config'),
		'-f', 'json', '-o', report, '-H', `Cookie: ${cookie}`, '-H', `X-CSRF-Token: ${u.csrf}`, '-H', `Origin: ${srv.url}`,
		'--no-bugreport', '-v', '1', '-t', '10'], 180, 'wapiti.log');
	console.log(`# wapiti: ${((Date.now() - t) / 1000).toFixed(0)} s, report in ${report}`);
	eq(r.status, 0, 'wapiti exit status');
	const rep = JSON.parse(fs.readFileSync(report, 'utf8'));
	ok(rep.vulnerabilities && rep.anomalies, 'a report');
	ok(Object.keys(rep.vulnerabilities).length >= 10, 'the modules ran');
	for (const s of starts)
		ok(r.out.includes(srv.url + s.split('?')[0]), `wapiti attacked ${s}`);
	const found = [];
	for (const [kind, list] of [...Object.entries(rep.vulnerabilities), ...Object.entries(rep.anomalies)]) {
		for (const v of list) {
			// Wapiti 3.0.4 wants X-XSS-Protection "1"; current guidance (OWASP
			// Secure Headers) is "0": the filter it enabled is gone from
			// browsers and could be abused where it remains; the CSP is the
			// protection. The server sends 0, checked here.
			if (kind === 'HTTP Secure Headers' && v.info === 'X-XSS-Protection is not set') {
				const h = (await fetch(srv.url + '/')).headers.get('x-xss-protection');
				eq(h, '0', 'X-XSS-Protection is 0');
				continue;
			}
			found.push(`${kind}: ${v.method} ${v.path} ${v.parameter || ''} ${v.info}`);
		}
	}
	ok(found.length === 0, `wapiti found:\n  ${found.join('\n  ')}`);
});

// last: the login, which the per-address throttle answers with 429 after
// 20 failures, and whose account locks after 5
test('sqlmap: the login (JSON body, no session)', async () => {
	await sqlmap('login', ['-u', `${srv.url}/api/session`, '--method', 'POST',
		'--data', JSON.stringify({login: 'suzuki', password: 'not the password'})], ['login', 'password'], {loggedIn: false, extra: ['--ignore-code', '401,429']});
});

await main(async () => {
	await srv.stop();
	fs.rmSync(dir, {recursive: true, force: true});
});
