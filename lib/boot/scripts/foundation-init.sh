#!/bin/sh
# Installer-side start-up for node {{node_name}} (id {{node_id}}): fetch the installer
# configuration, check it, and hand over to the Phoenix installer.
# Rendered by GET /boot/scripts/foundation-init.sh; the values below come from the orchestrator.
set -eu
BASE_URL='{{base_url}}'
NODE_TOKEN='{{node_token}}'
CONFIG_URL='{{config_url}}'
SCRIPTS_URL='{{scripts_url}}'
WORK=/tmp/foundation
mkdir -p "$WORK"

fetch() {
  curl -fsS --retry 5 --retry-delay 5 --connect-timeout 10 -H "Authorization: Bearer $NODE_TOKEN" -o "$2" "$1"
}

fetch "$SCRIPTS_URL/report-status.sh" "$WORK/report-status.sh"
chmod +x "$WORK/report-status.sh"
report() { "$WORK/report-status.sh" "$@" || true; }

report 1 "Initialization complete on {{management_ip}}"
if ! fetch "$CONFIG_URL" "$WORK/config.json"; then
  report error "Could not download the installer configuration from $CONFIG_URL"
  exit 1
fi
report 2 "Node configuration downloaded"

for field in hardware resources network; do
  if ! grep -q "\"$field\"" "$WORK/config.json"; then
    report error "Installer configuration lacks the $field section"
    exit 1
  fi
done
report 3 "Configuration validated (CVM {{cvm_ip}}, AHV {{ahv_ip}})"

export CONFIG_SERVER="$BASE_URL" NODE_TOKEN NODE_CONFIG="$WORK/config.json"
exec /usr/bin/python3.9 /phoenix/vpc_ce_installation.py
