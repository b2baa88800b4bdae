#!/usr/bin/env bash
# Installs the Debian packages the test suite needs: the real Supervisor 4.2.5 (conformance tests compare
# against it) and Chromium (the web UI browser test drives it).
# Idempotent: does nothing when they are present; never fails the caller (tests skip what is missing).
set -u
need=()
[ -x /usr/bin/supervisord ] || need+=(supervisor)
[ -x /usr/bin/chromium ] || need+=(chromium)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "ensure-system-deps: cannot install ${need[*]} (not root or no apt-get); dependent tests will skip" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null 2>&1 || true
# One package at a time, so a missing chromium does not cost the supervisor conformance tests.
for pkg in "${need[@]}"; do
  apt-get install -y -qq --no-install-recommends "$pkg" >/dev/null 2>&1 ||
    echo "ensure-system-deps: apt-get install $pkg failed; dependent tests will skip" >&2
done
# The package may start its own daemon: stop it through its own control channel, never by name.
if [ -S /var/run/supervisor.sock ] && [ -x /usr/bin/supervisorctl ]; then
  /usr/bin/supervisorctl -c /etc/supervisor/supervisord.conf shutdown >/dev/null 2>&1 || true
fi
exit 0
