#!/bin/sh
# Installer-side helper: bring up the management interface of node {{node_name}} with static
# addresses (used when DHCP is unavailable in the installer environment).
# Rendered by GET /boot/scripts/network-config.sh.
set -eu
IFACE="${IFACE:-eth0}"
ADDRESS='{{management_ip}}'
NETMASK='{{netmask}}'
GATEWAY='{{gateway}}'
DNS_SERVERS='{{dns_servers}}'

ip link set "$IFACE" up
ip addr flush dev "$IFACE"
ip addr add "$ADDRESS/$NETMASK" dev "$IFACE"
ip route replace default via "$GATEWAY" dev "$IFACE"
: > /etc/resolv.conf
for server in $(echo "$DNS_SERVERS" | tr ',' ' '); do
  echo "nameserver $server" >> /etc/resolv.conf
done
echo "network-config: $IFACE $ADDRESS/$NETMASK via $GATEWAY"
