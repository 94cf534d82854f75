#!/usr/bin/env python3
"""Write a large CycloneDX 1.6 JSON SBOM for the import measurements
(docs/internals/sbom-cyclonedx.md): python3 cyclonedx-big.py OUT [MB].

Deterministic: typical npm/maven-like components (group, name, version, purl,
a license, SHA-256 and SHA-512 hashes, a vcs reference, two properties),
every 50th holding three nested components, and a dependency entry per
top-level component naming the two components before it. Written as it goes
(memory stays small), until the file reaches MB megabytes (default 100)."""
import hashlib
import json
import sys


def component(i, nested=()):
    name = "pkg-%07d" % i
    h = hashlib.sha512(name.encode()).hexdigest()
    c = {
        "type": "library",
        "bom-ref": "ref-%07d" % i,
        "group": "org.example.g%03d" % (i % 997),
        "name": name,
        "version": "%d.%d.%d" % (i % 7, i % 13, i % 101),
        "purl": "pkg:maven/org.example.g%03d/%s@%d.%d.%d" % (i % 997, name, i % 7, i % 13, i % 101),
        "licenses": [{"license": {"id": "Apache-2.0"}}],
        "hashes": [{"alg": "SHA-256", "content": h[:64]}, {"alg": "SHA-512", "content": h}],
        "externalReferences": [{"type": "vcs", "url": "https://git.example.org/%s.git" % name}],
        "properties": [{"name": "secspec:brought-by", "value": "Vendor > Sub %d" % (i % 5)},
                       {"name": "build:note", "value": "generated component %d" % i}],
    }
    if nested:
        c["components"] = list(nested)
    return c


def main():
    out, mb = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 100
    limit = mb * 1000 * 1000
    n = 0
    tops = []
    with open(out, "w") as f:
        f.write('{"bomFormat":"CycloneDX","specVersion":"1.6",'
                '"serialNumber":"urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79","version":1,'
                '"metadata":{"timestamp":"2024-05-01T12:00:00Z","component":'
                '{"type":"application","bom-ref":"root","name":"big","version":"1"}},'
                '\n"components":[\n')
        size = f.tell()
        # components take about 93% of the file, dependencies the rest
        while size < limit * 0.93:
            n += 1
            i = n
            nested = ()
            if i % 50 == 0:
                nested = tuple(component(10000000 + i * 3 + k) for k in range(3))
            text = json.dumps(component(i, nested), separators=(",", ":"))
            f.write(("," if i > 1 else "") + text + "\n")
            size += len(text) + 2
            tops.append(i)
        f.write('],\n"dependencies":[\n')
        f.write(json.dumps({"ref": "root", "dependsOn": ["ref-%07d" % 1]}))
        for i in tops:
            deps = ["ref-%07d" % j for j in (i - 1, i - 2) if j >= 1]
            f.write(",\n" + json.dumps({"ref": "ref-%07d" % i, "dependsOn": deps},
                                       separators=(",", ":")))
            size = f.tell()
        f.write("\n]}\n")
    print("%s: %d top-level components, %d nested, %d bytes"
          % (out, n, sum(3 for i in tops if i % 50 == 0), size))


if __name__ == "__main__":
    main()
