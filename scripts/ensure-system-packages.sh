#!/usr/bin/env bash
# Installs the Debian packages the tests drive (browser, QEMU + iPXE firmware, nginx for the
# config check) when they are missing. Needs root, as on CI; otherwise says what is missing.
set -euo pipefail

declare -A needed=(
  [/usr/bin/chromium]=chromium
  [/usr/bin/qemu-system-x86_64]=qemu-system-x86
  [/usr/lib/ipxe/qemu/pxe-virtio.rom]=ipxe-qemu
  [/usr/share/OVMF/OVMF_CODE.fd]=ovmf
  [/usr/bin/socat]=socat
  [/usr/sbin/nginx]=nginx
  [/usr/bin/openssl]=openssl
)
missing=()
for path in "${!needed[@]}"; do
  [ -e "$path" ] || missing+=("${needed[$path]}")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "missing system packages (install as root): ${missing[*]}" >&2
  exit 0
fi
echo "== installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
