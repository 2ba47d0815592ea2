#!/usr/bin/env bash
# Stops the private sshd started by up.sh: the listening master and every per-connection child
# under it (so open SSH sessions drop, and the commands they ran go too), and the modern host
# (modern-host.sh --stop; its cached root stays). libvirtd, polkitd and dbus are left running:
# they are shared with anything else on the machine and cheap to keep.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
STATE="$REPO/.test-host"
SSHD_CONFIG="$STATE/sshd_config"
SSHD_PID="$STATE/sshd.pid"

# The masters of this checkout's sshd: the one in the pid file, plus any whose pid file was lost
# (matched on "-f <our config>" in the command line, so other checkouts' sshds are left alone).
masters() {
  local d cmd pid=""
  [[ -r "$SSHD_PID" ]] && pid="$(tr -dc '0-9' <"$SSHD_PID")"
  if [[ -n "$pid" && "$(readlink "/proc/$pid/exe" 2>/dev/null)" == /usr/sbin/sshd* ]]; then
    printf '%s\n' "$pid"
  fi
  for d in /proc/[0-9]*; do
    [[ "${d#/proc/}" == "$pid" ]] && continue
    { cmd="$(tr '\0' ' ' <"$d/cmdline")"; } 2>/dev/null || continue
    # sshd rewrites its title to "sshd: /usr/sbin/sshd -f ... [listener] ...".
    [[ "$cmd" == *"/usr/sbin/sshd -f $SSHD_CONFIG "* ]] && printf '%s\n' "${d#/proc/}"
  done
  return 0
}

# descendants PID: every process below PID. sshd's per-connection children call setsid(), so
# they are in neither the master's process group nor its session: only the parent links find them.
descendants() {
  ps -e -o pid=,ppid= | awk -v root="$1" '
    { parent[$1] = $2 }
    END {
      for (p in parent) {
        q = p
        while ((q in parent) && q != root && q > 1) q = parent[q]
        if (q == root && p != root) print p
      }
    }'
}

# running PID: the process exists and is not a zombie waiting to be reaped.
running() {
  local st
  st="$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null)" || return 1
  [[ -n "$st" && "${st:0:1}" != Z ]]
}

if [[ $EUID -eq 0 && -x /usr/sbin/ip ]]; then
  bash "$REPO/scripts/test-host/modern-host.sh" --stop || echo "test-host: could not stop the modern host"
fi

pids=()
for m in $(masters); do
  pids+=("$m")
  # shellcheck disable=SC2207 # pids are plain numbers
  pids+=($(descendants "$m"))
done

if ((${#pids[@]} == 0)); then
  echo "test-host: private sshd not running"
  rm -f "$SSHD_PID"
  exit 0
fi

# The whole list was taken before killing anything: once the master is gone its children would
# be re-parented to init and no longer be found under it.
kill -TERM "${pids[@]}" 2>/dev/null || true
for ((i = 0; i < 50; i++)); do
  alive=()
  for p in "${pids[@]}"; do if running "$p"; then alive+=("$p"); fi; done
  ((${#alive[@]})) || break
  sleep 0.1
done
if ((${#alive[@]})); then kill -KILL "${alive[@]}" 2>/dev/null || true; fi
rm -f "$SSHD_PID"
echo "test-host: stopped private sshd (${#pids[@]} processes)"
