#!/usr/bin/env python3
"""Write a CycloneDX 1.5 JSON SBOM of real Go modules and crates taken from
OSV dumps (osv.dev's <ecosystem>-all.zip), at versions chosen around the
advisories' affected ranges: each introduced (in), each fixed (out), just
below a fixed when derivable (in), last_affected (in) and just above it (out),
pre-releases of a fixed version (in), Go pseudo-versions (the range's own and
made-up ones below a fixed and above an introduced), versions listed in
versions[], and versions beyond every range (out). Every 20th Go component (index 7
mod 20) has its purl's module path lowercased, as the purl spec's golang
type asks and osv-scalibr writes it.

  sbom-from-osv.py [--count N] [--seed S] [--out FILE] ZIP...

Deterministic: the same zips, count and seed give the same bytes. Used by
tests/cli/vuln-reference.sh and bench/vuln-match.sh; stdlib only.
"""
import argparse
import json
import random
import re
import sys
import urllib.parse
import zipfile

ECOS = {"Go": "golang", "crates.io": "cargo"}
SEMVER = re.compile(r"^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+([0-9A-Za-z.-]+))?$")
PSEUDO = "0.20220101000000-abcdefabcdef"


def parse(v):
    m = SEMVER.match(v)
    if not m:
        return None
    return int(m.group(1)), int(m.group(2)), int(m.group(3)), m.group(4), m.group(5)


def below(v):
    """The release just below v when one is derivable (X.Y.Z-1), else None."""
    p = parse(v)
    if not p or p[3] or p[4]:
        return None
    if p[2] > 0:
        return "%d.%d.%d" % (p[0], p[1], p[2] - 1)
    return None


def above(v):
    p = parse(v)
    if not p:
        return None
    return "%d.%d.%d" % (p[0], p[1], p[2] + 1)


def candidates(eco, affected):
    """The versions to try for one affected[] entry, without Go's 'v'."""
    out = []
    for r in affected.get("ranges", []):
        if r.get("type") not in ("SEMVER", "ECOSYSTEM"):
            continue
        for e in r.get("events", []):
            for kind, v in e.items():
                if kind == "introduced":
                    out.append("0.0.1" if v == "0" else v)
                    if v != "0" and (a := above(v)):
                        out.append(a)
                        if eco == "Go":
                            # a pseudo-version of the next patch: above v
                            out.append(a + "-" + PSEUDO)
                elif kind == "fixed":
                    out.append(v)
                    if b := below(v):
                        out.append(b)
                    p = parse(v)
                    if p and not p[3] and not p[4]:
                        out.append(v + "-rc.1")
                        out.append(v + "-alpha")
                        if eco == "Go":
                            # a pseudo-version of v: a pre-release, so below v
                            out.append(v + "-" + PSEUDO)
                        out.append("%d.0.0" % (p[0] + 1))
                elif kind == "last_affected":
                    out.append(v)
                    if a := above(v):
                        out.append(a)
                elif kind == "limit":
                    if v != "*":
                        out.append(v)
    out.extend(affected.get("versions", []))
    if eco == "Go":
        out.append("0.0.0-20220101000000-abcdefabcdef")
    return out


def go_version(v):
    if v.startswith("v"):
        return v
    return "v" + v


def purl_of(eco, name, version, lower=False):
    enc = lambda s: urllib.parse.quote(s, safe="")
    if eco == "Go":
        # the purl spec's golang type: namespace and name lowercased (as
        # osv-scalibr writes them); done for some components only
        segs = (name.lower() if lower else name).split("/")
        path = "/".join(enc(s) for s in segs)
        return "pkg:golang/%s@%s" % (path, enc(version))
    return "pkg:cargo/%s@%s" % (enc(name), enc(version))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("zips", nargs="+")
    ap.add_argument("--count", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--out", default="-")
    a = ap.parse_args()

    pool = set()  # (eco, package, version)
    for z in a.zips:
        with zipfile.ZipFile(z) as zf:
            for n in sorted(zf.namelist()):
                if not n.endswith(".json"):
                    continue
                rec = json.loads(zf.read(n))
                if rec.get("withdrawn"):
                    continue
                for aff in rec.get("affected", []):
                    pkg = aff.get("package") or {}
                    eco, name = pkg.get("ecosystem"), pkg.get("name")
                    if eco not in ECOS or not name:
                        continue
                    for v in candidates(eco, aff):
                        if eco == "Go":
                            v = go_version(v)
                        pool.add((eco, name, v))
    pool = sorted(pool)
    if not pool:
        sys.exit("no Go or crates.io packages in the zips")
    rng = random.Random(a.seed)
    picks = rng.sample(pool, a.count) if a.count <= len(pool) else \
        pool + [rng.choice(pool) for _ in range(a.count - len(pool))]
    comps = []
    for i, (eco, name, v) in enumerate(picks):
        comps.append({
            "type": "library",
            "bom-ref": "c%05d" % i,
            "name": name,
            "version": v,
            "purl": purl_of(eco, name, v, lower=i % 20 == 7),
        })
    bom = {
        "bomFormat": "CycloneDX",
        "specVersion": "1.5",
        "serialNumber": "urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79",
        "version": 1,
        "metadata": {
            "timestamp": "2026-12-01T00:00:00Z",
            "component": {"type": "application", "bom-ref": "app", "name": "osv-sample",
                          "version": "1.0.0"},
        },
        "components": comps,
    }
    text = json.dumps(bom, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
    if a.out == "-":
        sys.stdout.write(text)
    else:
        with open(a.out, "w", encoding="utf-8") as f:
            f.write(text)


if __name__ == "__main__":
    main()
