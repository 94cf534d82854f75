#!/usr/bin/python3
# Reads a workbook `secspec render --format xlsx` wrote with a real reader
# (openpyxl) and prints what a person opening it would check: the sheets,
# the frozen header and its filter, the cover's keys, and named cells of
# the requirement rows and the asset rows.
# Line breaks inside a cell print as \n. Usage: xlsx-check.py FILE [ITEM...]
import sys

import openpyxl

wb = openpyxl.load_workbook(sys.argv[1])
print('sheets:', ' | '.join(wb.sheetnames))
print('created:', wb.properties.created.isoformat(), '| title:', wb.properties.title)
cover, reqs = wb[wb.sheetnames[0]], wb[wb.sheetnames[1]]
for key, value in cover.iter_rows(min_row=2, values_only=True):
    if key:
        print('cover:', key, '=', value)
print('requirements: freeze', reqs.freeze_panes, '| filter', reqs.auto_filter.ref,
      '| rows', reqs.max_row - 1, '| columns', reqs.max_column)
head = [c.value for c in reqs[1]]
rows = {r[1]: r for r in reqs.iter_rows(min_row=2, values_only=True)}
for item in sys.argv[2:]:
    r = rows[item]
    print(item + ':', ' | '.join(f'{h}={v}'.replace('\n', '\\n') for h, v in zip(head, r)
                                 if v is not None and h not in ('対策', 'Mitigation')))
if len(wb.sheetnames) > 2:
    assets = wb[wb.sheetnames[2]]
    for r in assets.iter_rows(values_only=True):
        print('asset:', ' | '.join('' if v is None else str(v) for v in r))
