#!/usr/bin/env bash
# Browser tests drive Debian's Chromium (a test tool's own browser download fails on these machines);
# a CJK font makes the pages' Chinese legible in screenshots (the tests themselves do not need it).
set -euo pipefail
pkgs=()
command -v chromium >/dev/null 2>&1 || pkgs+=(chromium)
if command -v fc-list >/dev/null 2>&1 && [ -z "$(fc-list :lang=zh 2>/dev/null | head -1)" ]; then
  pkgs+=(fonts-wqy-microhei)
fi
[ ${#pkgs[@]} -eq 0 ] && exit 0
echo "installing Debian packages for the browser tests: ${pkgs[*]}…" >&2
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${pkgs[@]}" >/dev/null
command -v chromium >/dev/null
