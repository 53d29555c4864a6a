#!/bin/sh
# Issue 11's measurement over every answer kept under Solutions/ (ScreenAuditTests):
# lines wider than 80 columns, particle templates, English words outside code on Korean
# screens, code spans cut across lines. Writes every finding to FILE (default
# screen-audit.txt in the current folder) and prints the counts.
#   Tests/screen-audit.sh [FILE]
set -u
out=${1:-screen-audit.txt}
case $out in /*) ;; *) out=$(pwd)/$out ;; esac
cd "$(dirname "$0")/.." || exit 1
INFRALAB_SCREEN_AUDIT=$out swift test --filter ScreenAuditTests >/dev/null 2>&1
status=$?
head -1 "$out"
echo "(every finding: $out)"
exit $status
