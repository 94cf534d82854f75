// contrib/nginx/secspec.conf in front of secspec serve, with a throwaway
// certificate: TLS to the browser, the server's cookies marked Secure, HSTS,
// the plain-HTTP port redirected, oversized bodies stopped at nginx.
import {execFileSync, spawn} from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {Client, demoDb, eq, main, ok, startServer, test, tmpdir} from './lib.mjs';

const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => fs.existsSync(p));
if (!NGINX) {
	console.log('skip: nginx is not installed');
	process.exit(77);
}
process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'; // the throwaway certificate

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = tmpdir('nginx');

function freePort() {
	return new Promise((resolve) => {
		const s = net.createServer().listen(0, '127.0.0.1', () => {
			const p = s.address().port;
			s.close(() => resolve(p));
		});
	});
}

const tls = await freePort(), plain = await freePort();
const origin = `https://127.0.0.1:${tls}`;
const db = demoDb(dir, {demo: false, accounts: ['suzuki']});
const srv = await startServer(db, ['--origin', origin, '--secure']);
const upstream = new URL(srv.url).port;

execFileSync('openssl', ['req', '-x509', '-newkey', 'ed25519', '-nodes', '-days', '1',
	'-subj', '/CN=127.0.0.1', '-keyout', path.join(dir, 'key.pem'),
	'-out', path.join(dir, 'cert.pem')], {stdio: 'ignore'});
const site = fs.readFileSync(path.join(here, '../../contrib/nginx/secspec.conf'), 'utf8')
	.replace('server 127.0.0.1:8080;', `server 127.0.0.1:${upstream};`)
	.replace(/^\s*listen \[::\]:\d+.*$/gm, '')
	.replace('listen 80;', `listen 127.0.0.1:${plain};`)
	.replace('listen 443 ssl http2;', `listen 127.0.0.1:${tls} ssl http2;`)
	.replace('/etc/ssl/certs/secspec.pem', path.join(dir, 'cert.pem'))
	.replace('/etc/ssl/private/secspec.key', path.join(dir, 'key.pem'))
	.replace('return 301 https://$host$request_uri;', `return 301 https://$host:${tls}$request_uri;`);
fs.writeFileSync(path.join(dir, 'site.conf'), site);
fs.writeFileSync(path.join(dir, 'nginx.conf'), `
${process.getuid() === 0 ? 'user root root;' : ''}
daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log;
events { worker_connections 64; }
http {
	access_log off;
	client_body_temp_path ${dir}/body;
	proxy_temp_path ${dir}/proxy;
	fastcgi_temp_path ${dir}/fcgi;
	uwsgi_temp_path ${dir}/uwsgi;
	scgi_temp_path ${dir}/scgi;
	include ${dir}/site.conf;
}
`);
const ngx = spawn(NGINX, ['-p', dir, '-c', path.join(dir, 'nginx.conf')], {stdio: 'inherit'});
for (let i = 0; i < 50; i++) {
	if (fs.existsSync(path.join(dir, 'nginx.pid'))) break;
	await new Promise((r) => setTimeout(r, 100));
}
await new Promise((r) => setTimeout(r, 200));

test('log in over TLS: the cookie is Secure, HSTS is sent', async () => {
	const c = new Client(origin);
	const r = await c.req('POST', '/api/session', {login: 'suzuki', password: 'correct horse battery staple'});
	eq(r.status, 201, 'login through nginx');
	const cookie = r.headers.get('set-cookie');
	ok(/;\s*Secure/.test(cookie) && /HttpOnly/.test(cookie) && /SameSite=Strict/.test(cookie),
		`cookie flags: ${cookie}`);
	ok(/max-age=\d+/.test(r.headers.get('strict-transport-security') || ''), 'HSTS');
	c.csrf = r.json.csrf;
	eq((await c.req('GET', '/api/projects')).status, 200, 'a read through the proxy');
});

test('plain HTTP is redirected to HTTPS', async () => {
	const r = await fetch(`http://127.0.0.1:${plain}/api/projects`, {redirect: 'manual'});
	eq(r.status, 301, 'redirect');
	ok((r.headers.get('location') || '').startsWith(`https://127.0.0.1:${tls}/`), 'to https');
});

test('a body over 1 MiB is stopped by nginx', async () => {
	const r = await fetch(origin + '/api/session', {method: 'POST', headers: {
		'Content-Type': 'application/json', Origin: origin}, body: 'x'.repeat(1024 * 1024 + 10)});
	eq(r.status, 413, 'too large');
});

test('an attachment of 2 MiB goes through, one over 64 MiB is stopped', async () => {
	const c = new Client(origin);
	eq((await c.login('suzuki')).status, 201, 'login');
	eq((await c.req('POST', '/api/projects', {name: 'files', user_org: 'U', vendor_org: 'V', side: 'user'})).status,
		201, 'a project');
	const bytes = Buffer.alloc(2 * 1024 * 1024, 3);
	const r = await c.req('POST', '/api/projects/files/attachments', undefined,
		{raw: bytes, headers: {'Content-Type': 'application/octet-stream'}});
	eq([r.status, r.json && r.json.size], [201, bytes.length], `2 MiB through nginx: ${r.text.slice(0, 200)}`);
	const big = await c.req('POST', '/api/projects/files/attachments', undefined,
		{raw: Buffer.alloc(64 * 1024 * 1024 + 10), headers: {'Content-Type': 'application/octet-stream'}});
	eq(big.status, 413, 'over 64 MiB');
	// elsewhere the 1 MiB limit stands
	const json = await c.req('POST', '/api/projects/files/minutes', undefined,
		{raw: 'x'.repeat(2 * 1024 * 1024), headers: {'Content-Type': 'application/json'}});
	eq(json.status, 413, 'a 2 MiB JSON body');
});

test('a change from another origin is refused behind the proxy too', async () => {
	const r = await fetch(origin + '/api/session', {method: 'POST', headers: {
		'Content-Type': 'application/json', Origin: 'https://evil.example'},
		body: JSON.stringify({login: 'suzuki', password: 'x'.repeat(12)})});
	eq(r.status, 403, 'other origin');
});

await main(async () => {
	ngx.kill('SIGTERM');
	await srv.stop();
});
