#!/usr/bin/env bash
# Installs the Debian 12 packages FluoroGuide needs (only those missing; as root or through sudo),
# then configures and builds the Release tree in build/.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential cmake ninja-build pkg-config
  libimgui-dev libstb-dev libglfw3-dev libepoxy-dev libegl-dev
  libegl-mesa0 libgl1-mesa-dri libgbm1 libgl1 libglx-mesa0
  libopencv-dev
  catch2 nlohmann-json3-dev libspdlog-dev libcli11-dev
  libasound2-dev libdcmtk-dev libopenjp2-7-dev libvtk9-dev
  dcmtk dicom3tools libgdcm-tools python3-pydicom python3-numpy ffmpeg
  fonts-dejavu-core
  xvfb xauth xdotool
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "setup: run as root or install sudo" >&2; exit 1; }
    sudo=sudo
  fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)"
