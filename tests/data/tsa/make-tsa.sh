#!/usr/bin/env bash
# Make a throwaway CA and TSA in the current directory (test use only).
set -euo pipefail
cnf=$(dirname "$0")/tsa.cnf
openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 2 \
	-subj "/CN=secspec test CA" -extensions ca_ext -config "$cnf" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -keyout tsa.key -out tsa.csr -subj "/CN=secspec test TSA" \
	-config "$cnf" 2>/dev/null
openssl x509 -req -in tsa.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out tsa.pem -days 2 \
	-extfile "$cnf" -extensions tsa_ext 2>/dev/null
echo 01 > tsaserial
