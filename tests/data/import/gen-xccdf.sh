#!/usr/bin/env bash
# An XCCDF 1.2 benchmark with N rules and one profile selecting all of them.
n=${1:-100000}
echo '<?xml version="1.0" encoding="UTF-8"?>'
echo '<Benchmark xmlns="http://checklists.nist.gov/xccdf/1.2" id="xccdf_org.example_benchmark_big">'
echo '<title>Big generated benchmark</title><version>1</version>'
awk -v n="$n" 'BEGIN {
	printf "<Profile id=\"xccdf_org.example_profile_all\"><title>All</title>\n";
	for (i = 1; i <= n; i++) printf "<select idref=\"xccdf_org.example_rule_%d\" selected=\"true\"/>\n", i;
	printf "</Profile>\n";
	for (i = 1; i <= n; i++)
		printf "<Rule id=\"xccdf_org.example_rule_%d\" severity=\"medium\"><title>Generated rule %d</title><version>GEN-00-%06d</version><ident system=\"https://ncp.nist.gov/cce\">CCE-%d-0</ident></Rule>\n", i, i, i, i;
}'
echo '</Benchmark>'
