#!/bin/sh
# Generate a synthetic but valid secspec catalog directory for benchmarks.
#
#   bench/gen-catalog.sh OUTDIR [N] [VERSION]
#
# N items (default 5000, at most 6993) are spread round-robin over the seven
# id prefixes the format allows (LNX/WIN x DM/DS/AT and APP-SC), so all four
# sections and all three platforms are used; ids are PFX-SS-001 upward. Every
# item carries Japanese and English text of a few hundred bytes per field,
# 1-3 settings, ATT&CK/CWE/ASVS/STIG references as its section requires, and
# for about half of them a machine check. Output is deterministic for a given
# N (own PRNG, no awk rand()), so content hashes are stable between runs.
#
# The index (sections, platforms, categories, asset kinds, impact axes) is
# taken from the built-in catalog/1.0.0/catalog.yaml (format 1), with the item file list and
# version replaced, so the generated catalog follows the format as the
# repository defines it. Items are written 200 to a file (about 1 MiB each,
# well below the 4 MiB per-file limit). Check the result with
# `secspec catalog validate OUTDIR`.
set -eu

usage() {
	echo "usage: $0 OUTDIR [N] [VERSION]" >&2
	exit 64
}
[ $# -ge 1 ] || usage
OUT=$1
N=${2:-5000}
VERSION=${3:-9.0.$N}
HERE=$(cd "$(dirname "$0")" && pwd)
INDEX=${SECSPEC_INDEX:-$HERE/../catalog/1.0.0/catalog.yaml}

case $N in '' | *[!0-9]*) usage ;; esac
if [ "$N" -lt 1 ] || [ "$N" -gt 6993 ]; then
	echo "$0: N must be 1..6993 (7 id prefixes x 999 numbers)" >&2
	exit 64
fi
[ -r "$INDEX" ] || { echo "$0: cannot read the index $INDEX" >&2; exit 66; }
mkdir -p "$OUT"
rm -f "$OUT"/bench-*.yaml "$OUT"/catalog.yaml

awk -v N="$N" -v OUT="$OUT" -v VERSION="$VERSION" -v PERFILE=200 '
# ---------------------------------------------------------------- helpers
function rnd(n) { seed = (seed * 16807) % 2147483647; return int(seed / 2147483647 * n) }
function pick(arr, n) { return arr[rnd(n) + 1] }
function q(s) { return "\"" s "\"" }              # texts never contain " or backslash
function pad3(n) { return sprintf("%03d", n) }
# a paragraph of k sentences from a pool, with the item number woven in once
function para(pool, npool, k, tag,    s, i, first) {
	s = ""
	first = rnd(npool)
	for (i = 0; i < k; i++)
		s = s pool[(first + i * 7) % npool + 1]
	sub(/ +$/, "", s)
	return s tag
}
function i18n(name, ja, en) {
	printf "    %s:\n      ja: %s\n      en: %s\n", name, q(ja), q(en) > f
}
function list(name, arr, n,    i) {
	if (n == 0) return
	printf "    %s:\n", name > f
	for (i = 1; i <= n; i++) printf "      - %s\n", arr[i] > f
}

# ---------------------------------------------------------------- the index
FNR == NR {
	# copy the built-in index, dropping its file list; remember category ids
	if ($0 ~ /^[a-z_]+:/) { infiles = ($0 ~ /^files:/); incat = ($0 ~ /^categories:/) }
	if ($0 ~ /^version:/) { print "version: \"" VERSION "\"" > (OUT "/catalog.yaml"); next }
	if ($0 ~ /^catalog:/) { print "catalog: secspec-bench" > (OUT "/catalog.yaml"); next }
	if (incat && $0 ~ /^  - id: /) { ncat++; cat[ncat] = $3 }
	if (!infiles) print > (OUT "/catalog.yaml")
	next
}

BEGIN {
	seed = 20261126 + N
	npfx = split("LNX-DM LNX-DS LNX-AT WIN-DM WIN-DS WIN-AT APP-SC", pfx, " ")
	sect["DM"] = "default"; sect["DS"] = "detailed"; sect["AT"] = "attack"; sect["SC"] = "secure-coding"
	plat["LNX"] = "linux"; plat["WIN"] = "windows"; plat["APP"] = "application"

	# title stems (ja/en), per platform
	nt = split("SSHの認証方式を制限する|監査ログを中央のログサーバーへ転送する|不要なカーネルモジュールの読み込みを禁止する|特権コマンドの実行を記録する|共有メモリを実行不可でマウントする|パッケージの署名検証を必須にする|一時ディレクトリにnoexecを設定する|時刻同期の参照先を固定する", tlj, "|")
	split("Restrict the SSH authentication methods|Forward audit logs to the central log server|Forbid loading unneeded kernel modules|Record the execution of privileged commands|Mount shared memory non-executable|Require package signature verification|Set noexec on temporary directories|Pin the time synchronisation sources", tle, "|")
	split("ローカル管理者のパスワードを端末ごとに一意にする|SMBの署名を必須にする|PowerShellのスクリプトブロックログを有効にする|LSAを保護プロセスとして実行する|リムーバブルメディアへの書き込みを禁止する|NTLMv1とLMの認証を拒否する|資格情報ガードを有効にする|リモートデスクトップにNLAを要求する", twj, "|")
	split("Make local administrator passwords unique per device|Require SMB signing|Turn on PowerShell script block logging|Run LSA as a protected process|Deny writes to removable media|Refuse NTLMv1 and LM authentication|Turn on Credential Guard|Require NLA for Remote Desktop", twe, "|")
	split("出力時に文脈に応じたエスケープを行う|パスワードを適応型ハッシュで保存する|セッションIDをログイン後に再生成する|ファイルアップロードの種類と大きさを制限する|外部エンティティの解決を無効にする|認可の判定をサーバー側で必ず行う|暗号鍵をソースコードに埋め込まない|エラー応答に内部情報を含めない", taj, "|")
	split("Escape output for its context|Store passwords with an adaptive hash|Issue a new session id after login|Limit the type and size of uploaded files|Turn off external entity resolution|Always decide authorisation on the server|Keep keys out of the source code|Leave internal details out of error responses", tae, "|")

	# sentence pools: about 100-150 bytes each in ja, 80-160 in en
	nj = split("侵入した攻撃者は、設定の不備を足掛かりにして権限を昇格させ、同じネットワーク上の他のサーバーへ横展開する。|初期設定のまま運用されているサーバーは、公開されている攻撃ツールでそのまま悪用されることが多い。|ログが残らない状態では、侵害に気付くまでの期間が長くなり、被害の範囲を特定することも難しくなる。|窃取された認証情報は闇市場で売買され、正規の利用者になりすました不正アクセスに繰り返し使われる。|一度持ち込まれたマルウェアは、再起動後も動き続けるよう永続化の仕組みを登録する。|内部の利用者による誤操作や不正操作も、外部からの攻撃と同じく重大な情報漏えいにつながる。|この設定は主要な業界ベンチマークでも推奨されており、導入の実績が多い。|設定変更は構成管理ツールで配布し、変更の履歴を残すことが望ましい。", pj, "|")
	ne = split("An intruder uses the weak setting as a foothold, raises privileges and moves on to other servers on the same network. |Servers left with their default settings are often exploited directly with public attack tools. |Without logs, compromise goes unnoticed for longer and the extent of the damage is hard to establish. |Stolen credentials are traded and used again and again to sign in as the legitimate user. |Malware that gets in registers a persistence mechanism so that it keeps running after a reboot. |Mistakes and misuse by insiders lead to serious leaks just as attacks from outside do. |Major industry benchmarks recommend this setting and it is widely deployed. |Roll the change out with configuration management and keep a history of changes. ", pe, "|")
	nmj = split("設定ファイルで該当する値を推奨値に変更し、サービスを再読み込みする。|構成管理ツールで全サーバーに同じ設定を配布し、逸脱を定期的に検出する。|変更前に検証環境で業務アプリケーションへの影響を確認する。|設定が上書きされていないことを起動時と定期的な点検で確認する。|例外を設ける場合は、対象と期間を限定して承認を得る。", mj, "|")
	nme = split("Change the value to the recommended one in the configuration file and reload the service. |Distribute the same setting to every server with configuration management and detect drift regularly. |Check the effect on business applications in a test environment before the change. |Confirm at start-up and in regular checks that the setting has not been overridden. |Limit any exception in scope and time and have it approved. ", me, "|")
	noj = split("既存の運用手順やスクリプトがこの設定に依存している場合は改修が必要になる。|監視やバックアップのツールが動作しなくなる場合があるため、事前に確認する。|ログの量が増えるため、保存容量と転送帯域を見積もる必要がある。|利用者の操作手順が変わるため、周知と教育が必要になる。", oj, "|")
	noe = split("Procedures and scripts that rely on the old behaviour must be reworked. |Monitoring or backup tools may stop working, so check them beforehand. |Log volume grows, so estimate storage and transfer bandwidth. |Users follow a different procedure, so announce the change and train them. ", oe, "|")
	nuj = split("運用ルールとして設定の維持を定め、定期的に点検すること。|例外の申請と承認の記録を残すこと。|リスクを受容する場合は、侵害時に検知や追跡ができない可能性を受け入れることになる。|担当者の異動時に権限と手順を引き継ぐこと。", uj, "|")
	nue = split("Make keeping the setting an operating rule and check it regularly. |Keep records of exception requests and approvals. |Accepting the risk means accepting that a compromise may be neither detected nor traced. |Hand over rights and procedures when staff change roles. ", ue, "|")
	nrj = split("推奨値は攻撃の成立に必要な条件を取り除き、正規の業務への影響が最も小さい。|より緩い値では既知の攻撃手法を防げないことが確認されている。|業界ベンチマークの推奨値と一致しており、監査での説明が容易である。", rj, "|")
	nre = split("The recommended value removes a condition the attack needs, with the least effect on legitimate work. |Looser values are known not to stop the published techniques. |It matches the industry benchmarks, which makes it easy to explain in audits. ", re_, "|")

	nattack = split("T1110 T1110.001 T1021.004 T1078.003 T1053.003 T1543.002 T1548.003 T1059.004 T1003.001 T1021.001 T1059.001 T1547.001 T1190 T1505.003 T1552.001 T1070.002", atk, " ")
	ntac = split("TA0001 TA0002 TA0003 TA0004 TA0005 TA0006 TA0007 TA0008", tac, " ")
	ncwe = split("CWE-79 CWE-89 CWE-22 CWE-287 CWE-352 CWE-611 CWE-798 CWE-209 CWE-434 CWE-862", cwe, " ")
	nasvs = split("V5.3.4 V5.3.5 V2.4.1 V3.2.1 V12.1.1 V5.5.2 V6.4.1 V7.4.1 V4.1.1 V13.1.3", asvs, " ")
	nperm = split("none user administrator system", perm, " ")

	nwl = split("/etc/ssh/sshd_config|/etc/sysctl.d/99-hardening.conf|/etc/audit/rules.d/50-bench.rules|/etc/security/pwquality.conf|/etc/fstab|/etc/modprobe.d/blacklist.conf", wl, "|")
	nkl = split("PermitRootLogin|kernel.kptr_restrict|audit rule|minlen|mount options|install", kl, "|")
	nvl = split("no|2|-w /etc/passwd -p wa -k identity|14|nodev,nosuid,noexec|/bin/false", vl, "|")
	nww = split("Computer Configuration > Windows Settings > Security Settings > Local Policies > Security Options|Computer Configuration > Administrative Templates > System > Credentials Delegation|Computer Configuration > Administrative Templates > Windows Components > Windows PowerShell", ww, "|")
	nkw = split("Microsoft network server: Digitally sign communications (always)|Encryption Oracle Remediation|Turn on PowerShell Script Block Logging", kw, "|")
	nvw = split("Enabled|Force Updated Clients|Enabled", vw, "|")
	nwa = split("application.yaml|web.xml|settings.py|appsettings.json", wa, "|")
	nka = split("session.cookie.secure|password.hash.algorithm|upload.max-size|xml.external-entities", ka, "|")
	nva = split("true|argon2id (m=19456, t=2, p=1)|10MB|disabled", va, "|")
}

# ---------------------------------------------------------------- items
END {
	per = int((N + npfx - 1) / npfx)
	nfiles = 0
	for (i = 0; i < N; i++) {
		p = pfx[i % npfx + 1]
		num = int(i / npfx) + 1
		split(p, pp, "-"); pc = pp[1]; sc = pp[2]
		id = p "-" pad3(num)
		# one file per prefix and 200 items
		fkey = "bench-" tolower(p) "-" int((num - 1) / PERFILE) + 1 ".yaml"
		if (!(fkey in opened)) {
			opened[fkey] = 1; nfiles++; files[nfiles] = fkey
		}
		f = OUT "/" fkey
		if (!(fkey in started)) { started[fkey] = 1; print "# generated by bench/gen-catalog.sh\nitems:" > f }

		t = rnd(8) + 1
		if (pc == "LNX") { tj = tlj[t]; te = tle[t] }
		else if (pc == "WIN") { tj = twj[t]; te = twe[t] }
		else { tj = taj[t]; te = tae[t] }
		tag_j = "（" id "）"; tag_e = " (" id ")"

		printf "  - id: %s\n    section: %s\n    platform: %s\n    category: %s\n", id, sect[sc], plat[pc], cat[rnd(ncat) + 1] > f
		i18n("title", tj " 第" num "項", te ", part " num)
		i18n("overview", para(pj, nj, 3, tag_j), para(pe, ne, 3, tag_e))
		i18n("mitigation", para(mj, nmj, 3, ""), para(me, nme, 3, ""))
		i18n("operational_impact", para(oj, noj, 3, ""), para(oe, noe, 3, ""))
		i18n("user_responsibility", para(uj, nuj, 3, ""), para(ue, nue, 3, ""))
		if (sc == "AT")
			printf "    attacker_permissions: %s\n", perm[rnd(nperm) + 1] > f
		n = 0
		if (sc == "AT" || rnd(2)) { k = rnd(2) + 1; s0 = rnd(ntac); for (j = 0; j < k; j++) { n++; L[n] = tac[(s0 + j) % ntac + 1] } }
		list("tactics", L, n)
		n = 0
		if (sc != "DS" || rnd(2)) { k = rnd(3) + 1; s0 = rnd(nattack); for (j = 0; j < k; j++) { n++; L[n] = atk[(s0 + j) % nattack + 1] } }
		list("attack", L, n)
		if (sc == "SC") {
			n = 0; k = rnd(2) + 1; s0 = rnd(ncwe); for (j = 0; j < k; j++) { n++; L[n] = cwe[(s0 + j) % ncwe + 1] }
			list("cwe", L, n)
			n = 0; k = rnd(2) + 1; s0 = rnd(nasvs); for (j = 0; j < k; j++) { n++; L[n] = asvs[(s0 + j) % nasvs + 1] }
			list("asvs", L, n)
		} else {
			n = 1; L[1] = (pc == "LNX" ? "RHEL-09-" : "WN11-SO-") sprintf("%06d", 200000 + i)
			list("stig", L, n)
			n = 1; L[1] = q((pc == "LNX" ? "CIS Debian Linux 12 v1.1.0 " : "CIS Microsoft Windows 11 v3.0.0 ") (rnd(6) + 1) "." (rnd(9) + 1) "." (rnd(20) + 1))
			list("cis", L, n)
		}
		# settings: 1-3, optional for secure-coding (present on 2 of 3)
		if (sc != "SC" || rnd(3)) {
			print "    settings:" > f
			k = rnd(3) + 1
			for (j = 0; j < k; j++) {
				if (pc == "LNX") { r = rnd(nwl) + 1; w = wl[r]; kk = kl[r]; v = vl[r] }
				else if (pc == "WIN") { r = rnd(nww) + 1; w = ww[r]; kk = kw[r]; v = vw[r] }
				else { r = rnd(nwa) + 1; w = wa[r]; kk = ka[r]; v = va[r] }
				printf "      - where: %s\n        key: %s\n        value: %s\n", q(w), q(kk), q(v) > f
			}
		}
		i18n("rationale", para(rj, nrj, 3, ""), para(re_, nre, 3, ""))
		# about 1 in 10 is an important threat (incident 3, ease 3)
		if (rnd(10) == 0) { inc = 3; ease = 3 } else { inc = rnd(3) + 1; ease = rnd(2) + 1 }
		printf "    scores:\n      incident: \"%d\"\n      ease: \"%d\"\n", inc, ease > f
		if (rnd(2)) {
			if (pc == "LNX" && rnd(2))
				printf "    check:\n      kind: sysctl\n      key: kernel.bench_%d\n      expect: \"1\"\n", num > f
			else if (pc == "LNX")
				printf "    check:\n      kind: file-match\n      path: /etc/ssh/sshd_config\n      pattern: %s\n", "'"'"'^[[:space:]]*PermitRootLogin[[:space:]]+no([[:space:]]|$)'"'"'" > f
			else if (pc == "WIN")
				printf "    check:\n      kind: registry\n      key: %s\n      name: Bench%d\n      expect: \"1\"\n", "'"'"'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\Bench'"'"'", num > f
		}
	}
	for (k = 1; k <= nfiles; k++) close(OUT "/" files[k])
	idx = OUT "/catalog.yaml"
	print "files:" > idx
	# list the files section by section as the built-in catalog does
	nsec = split("APP-SC LNX-DM WIN-DM LNX-DS WIN-DS LNX-AT WIN-AT", order, " ")
	for (s = 1; s <= nsec; s++)
		for (k = 1; k <= nfiles; k++)
			if (index(files[k], "bench-" tolower(order[s]) "-") == 1)
				print "  - " files[k] > idx
	close(idx)
}
' "$INDEX" /dev/null

echo "generated $N items in $OUT (catalog version $VERSION)" >&2
