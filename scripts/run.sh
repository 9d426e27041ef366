#!/usr/bin/env bash
# Set-up, build, then the workstation on the built-in case. Extra arguments go to fluoroguide
# (for example --source /dev/video0). With no display it runs headless and says so; output then
# goes to ./fluoroguide-headless/ in the current folder.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bash "$root/scripts/setup.sh"
exec "$root/build/app/fluoroguide" "$@"
