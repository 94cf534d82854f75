// The peer of `secspec vuln match` in bench/vuln-match.sh: a straightforward
// matcher the way npm audit does it (@npmcli/metavuln-calculator): each
// advisory's affected ranges as a node-semver range string
// (">=1.2.0 <1.2.5 || >=2.0.0 <2.0.3"), and for each component the
// advisories of its package tested with semver.satisfies(version, range,
// {includePrerelease: true, loose: true}).
//
//   node vuln-peer.mjs SBOM.json ZIP...
//
// Prints one JSON line: {load_ms, match_ms, components, pairs}. load_ms is
// reading the zips (unzip -p), parsing the records and building the range
// strings; match_ms the loop over the components only, the figure compared
// with secspec's "match" time.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const semver = require(process.env.SEMVER_MODULE ?? path.join(here, "../tests/e2e/node_modules/semver"));
const OPT = { includePrerelease: true, loose: true };
const PURL_ECO = { golang: "Go", cargo: "crates.io" };

function records(zip) {
	const names = execFileSync("unzip", ["-Z1", zip], { maxBuffer: 1 << 26 })
		.toString().split("\n").filter((n) => n.endsWith(".json"));
	// one process per zip; the records are split by brace depth
	const all = execFileSync("unzip", ["-p", zip, ...names], { maxBuffer: 1 << 30 }).toString();
	const out = [];
	let depth = 0, start = -1, inStr = false, esc = false;
	for (let i = 0; i < all.length; i++) {
		const c = all[i];
		if (inStr) {
			if (esc) esc = false;
			else if (c === "\\") esc = true;
			else if (c === '"') inStr = false;
		} else if (c === '"') inStr = true;
		else if (c === "{") {
			if (depth++ === 0) start = i;
		} else if (c === "}" && --depth === 0) out.push(JSON.parse(all.slice(start, i + 1)));
	}
	return out;
}

// OSV events -> a node-semver range string
function rangeString(r) {
	const evs = r.events.map((e) => Object.entries(e)[0]);
	evs.sort((a, b) => (a[1] === "0" ? -1 : b[1] === "0" ? 1 : semver.compare(a[1], b[1], true)));
	const parts = [];
	let lo = null, open = false;
	for (const [kind, v] of evs) {
		if (kind === "introduced") {
			if (!open) lo = v === "0" ? ">=0.0.0-0" : ">=" + v;
			open = true;
		} else if (kind === "fixed" && open) {
			parts.push(`${lo} <${v}`);
			open = false;
		} else if (kind === "last_affected" && open) {
			parts.push(`${lo} <=${v}`);
			open = false;
		}
	}
	if (open) parts.push(lo);
	return parts.join(" || ");
}

const [sbomFile, ...zips] = process.argv.slice(2);
let t0 = performance.now();
const byPkg = new Map();
for (const z of zips)
	for (const rec of records(z)) {
		if (rec.withdrawn) continue;
		for (const a of rec.affected ?? []) {
			if (!a.package) continue;
			const ranges = (a.ranges ?? []).filter((r) => r.type !== "GIT").map(rangeString)
				.filter((s) => s);
			const k = a.package.ecosystem + "\n" + a.package.name;
			if (!byPkg.has(k)) byPkg.set(k, []);
			byPkg.get(k).push({ id: rec.id, range: ranges.join(" || "), versions: a.versions ?? [] });
		}
	}
const sbom = JSON.parse(readFileSync(sbomFile, "utf8"));
const t1 = performance.now();
const findings = new Set(); // "component\tid": an advisory may list a package twice
for (const c of sbom.components ?? []) {
	const m = /^pkg:([a-z]+)\/([^@?#]+)/.exec(c.purl ?? "");
	if (!m || !PURL_ECO[m[1]] || !c.version) continue;
	const name = m[2].split("/").map(decodeURIComponent).join("/");
	for (const adv of byPkg.get(PURL_ECO[m[1]] + "\n" + name) ?? []) {
		if (adv.versions.includes(c.version.replace(/^v/, "")) ||
		    (adv.range && semver.satisfies(c.version, adv.range, OPT)))
			findings.add(c["bom-ref"] + "\t" + adv.id);
	}
}
const t2 = performance.now();
console.log(JSON.stringify({ load_ms: +(t1 - t0).toFixed(1), match_ms: +(t2 - t1).toFixed(1),
	components: (sbom.components ?? []).length, pairs: findings.size }));
