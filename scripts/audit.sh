#!/usr/bin/env bash
# Audits every package installed in .venv (the pins of requirements*.txt and what they pull in) for known
# vulnerabilities with pip-audit (pinned in requirements-audit.txt, installed apart in .venv-audit).
# Exit 1 on a finding, or if any package could not be checked (--strict).
#
# pip-audit needs a vulnerability database: PyPI's per-release JSON (which carries each release's advisories)
# or OSV. A package mirror that serves only the simple index has neither; there pip-audit reports every
# package as "not found on PyPI" and, without --strict, "No known vulnerabilities found": a pass that checked
# nothing. So the database is probed first, with a release that has a published advisory (requests 2.19.0,
# PYSEC-2018-28): it must come back with it.
#   scripts/audit.sh                 no database reachable: exit 2 with a one-line message
#   scripts/audit.sh --if-reachable  no database reachable: say that the audit was skipped and why, exit 0
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x .venv-audit/bin/pip-audit ]; then
  python3 -m venv .venv-audit
  .venv-audit/bin/python -m pip install -q -r requirements-audit.txt 2>&1 | grep -v "is ignored" >&2 || true
fi

knows_the_advisory() {  # $1: pypi or osv
  .venv-audit/bin/pip-audit --vulnerability-service "$1" --no-deps --disable-pip --progress-spinner off \
      --format json -r <(echo "requests==2.19.0") 2>/dev/null | .venv-audit/bin/python -c '
import json, sys
try:
    report = json.load(sys.stdin)
except ValueError:
    sys.exit(1)
vulns = [v["id"] for d in report.get("dependencies", []) for v in d.get("vulns", [])]
sys.exit(0 if "PYSEC-2018-28" in vulns or any(v.startswith("GHSA") for v in vulns) else 1)'
}

service=""
for candidate in pypi osv; do
  if knows_the_advisory "$candidate"; then service=$candidate; break; fi
done
if [ -z "$service" ]; then
  message="no vulnerability database answers from this machine (pip-audit cannot see requests 2.19.0's known advisory)"
  if [ "${1:-}" = "--if-reachable" ]; then
    echo "dependency audit skipped: $message" >&2
    exit 0
  fi
  echo "error: $message; run scripts/audit.sh on a machine with internet access" >&2
  exit 2
fi

site=$(.venv/bin/python -c "import sysconfig; print(sysconfig.get_paths()['purelib'])")
echo "dependency audit: pip-audit with the $service database, every package in $site" >&2
exec .venv-audit/bin/pip-audit --strict --progress-spinner off --vulnerability-service "$service" --path "$site"
