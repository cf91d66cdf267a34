#!/usr/bin/env bash
# Refreshes the repository's copies of ../shared (the Asterisk traces and the ARI description), so that a
# checkout without ../shared beside it (a CI clone) tests against the same recordings.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${IVR_SHARED:-../shared}
rm -rf Ivr.Tests/Reference/ari-traces && mkdir -p Ivr.Tests/Reference && cp -r "$shared/ari-traces" Ivr.Tests/Reference/
chmod -R u+w Ivr.Tests/Reference
cp "$shared"/ari-api/*.json tools/AriGen/api/
echo "copied $(ls Ivr.Tests/Reference/ari-traces | wc -l) trace files and $(ls tools/AriGen/api | wc -l) API files from $shared"
