#!/bin/sh
# Installer-side final step for node {{node_name}}: verify the boot files, report, reboot.
# After this reboot the orchestrator answers /boot/config with a local-disk boot script.
# Rendered by GET /boot/scripts/post-install.sh.
set -u
SCRIPTS_URL='{{scripts_url}}'
NODE_TOKEN='{{node_token}}'
TARGET="${TARGET:-/mnt/stage}"

curl -fsS --retry 3 -H "Authorization: Bearer $NODE_TOKEN" -o /tmp/report-status.sh "$SCRIPTS_URL/report-status.sh"
chmod +x /tmp/report-status.sh

missing=''
for file in boot/vmlinuz boot/initrd boot/grub2/grub.cfg boot/efi/EFI/BOOT/BOOTX64.EFI; do
  [ -e "$TARGET/$file" ] || missing="$missing $file"
done
if [ -n "$missing" ]; then
  /tmp/report-status.sh error "Boot files missing after install:$missing"
  exit 1
fi
/tmp/report-status.sh 7 "Boot files verified on {{management_ip}}"
/tmp/report-status.sh 8 "Installation complete. Rebooting server."
sync
reboot -f
