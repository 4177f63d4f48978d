# Supervises one server for a test fixture and cleans up when the test host goes away.
# Usage: bash -c "$script" sofia-supervisor HOST_PID NAME_PREFIX
# stdin (tab-separated lines): "start<TAB>binary<TAB>args...", "signal<TAB>TERM|KILL", "quit".
# stdout: "dir PATH" once, then "started PID" and "exited CODE" per server run.
# The host's death (stdin at EOF, or its PID gone) kills the server and removes the directory,
# so a test host killed with kill -9 leaves no server and no temp dir behind.
set -u
host=$1
tmp=${TMPDIR:-/tmp}

# Whether a process runs; a zombie (dead, not yet reaped) counts as gone, unlike for kill -0.
alive() {
  local stat
  { read -r stat <"/proc/$1/stat"; } 2>/dev/null || return 1
  stat=${stat##*) }
  [[ ${stat:0:1} != [ZX] ]]
}

# A host whose whole process tree was killed at once (e.g. a hung-test kill) left its directory
# behind with no watchdog alive to remove it; the next fixture to start removes it.
for stale in "$tmp"/sofia-*.*/watchdog.pid; do
  [ -f "$stale" ] || continue
  owner=$(cat "$stale" 2>/dev/null)
  if [ -n "$owner" ] && ! alive "$owner"; then rm -rf -- "$(dirname "$stale")"; fi
done

dir=$(mktemp -d "$tmp/$2.XXXXXXXX") || exit 1
echo $$ >"$dir/watchdog.pid"
srv=
# Writing to the host's closed pipe must not kill us before we clean up.
trap '' PIPE
exec 2>>"$dir/supervisor.log"

cleanup() {
  if [ -n "$srv" ]; then
    kill -KILL "$srv" 2>/dev/null
    wait "$srv" 2>/dev/null
  fi
  cd / && rm -rf -- "$dir"
  exit 0
}
trap cleanup TERM INT HUP

# The server dies with us even if we are killed with SIGKILL (we are single-threaded, so the
# parent-death signal cannot fire early the way it can under a multi-threaded parent).
pdeath=()
if command -v setpriv >/dev/null 2>&1; then pdeath=(setpriv --pdeathsig KILL --); fi

echo "dir $dir"
# A read that times out just as a line arrives has already consumed its first bytes; they are kept
# here and completed by the next read, or a start or kill command would be lost.
pending=
while :; do
  if IFS= read -r -t 0.2 part; then
    IFS=$'\t' read -r -a words <<<"$pending$part"
    pending=
    case "${words[0]:-}" in
      start)
        if [ -n "$srv" ]; then
          echo "error already-running"
        else
          cd "$dir" || cleanup
          "${pdeath[@]}" "${words[@]:1}" </dev/null >>"$dir/server.out" 2>&1 &
          srv=$!
          echo "started $srv"
        fi
        ;;
      signal)
        if [ -n "$srv" ]; then kill -s "${words[1]}" "$srv" 2>/dev/null; fi
        ;;
      quit)
        cleanup
        ;;
    esac
  elif [ $? -gt 128 ]; then
    pending+=$part
  else
    # End of input: the host closed our stdin or died.
    cleanup
  fi
  if ! alive "$host"; then cleanup; fi
  if [ -n "$srv" ] && ! alive "$srv"; then
    wait "$srv"
    echo "exited $?"
    srv=
  fi
done
