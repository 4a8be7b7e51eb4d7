#!/bin/sh
# Installer-side helper: report an install phase to the orchestrator.
# Rendered for node {{node_name}} (id {{node_id}}) by GET /boot/scripts/report-status.sh.
# Usage: report-status.sh <phase 1-8 or name> <message>
STATUS_URL='{{status_url}}'
NODE_TOKEN='{{node_token}}'
MANAGEMENT_IP='{{management_ip}}'

phase="$1"
shift
message=$(printf '%s' "$*" | sed 's/\\/\\\\/g; s/"/\\"/g')
body=$(printf '{"management_ip":"%s","phase":"%s","message":"%s"}' "$MANAGEMENT_IP" "$phase" "$message")
for attempt in 1 2 3; do
  if curl -fsS --connect-timeout 10 --max-time 30 \
      -H "Authorization: Bearer $NODE_TOKEN" -H 'Content-Type: application/json' \
      -d "$body" "$STATUS_URL" >/dev/null; then
    exit 0
  fi
  sleep $((attempt * 5))
done
echo "report-status: could not reach $STATUS_URL" >&2
exit 1
