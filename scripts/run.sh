#!/usr/bin/env bash
# Set-up, build, then the workstation on the built-in simulated case. Extra arguments go to
# fluoroguide (for example --source /dev/video0). With no display it runs headless and says so.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec ./build/app/fluoroguide "$@"
