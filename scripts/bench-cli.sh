#!/usr/bin/env bash
# Times whole-folder commands as whole processes against the floor (a
# bare `toml::Table` parse of the same files on one thread, counting the
# overdue milestones: examples/floor.rs), on synthetic portfolios with two
# earlier weeks of history (`stride snapshot` on the two Tuesdays before),
# and prints wall time, CPU time and peak memory of each with the ratios:
# `list --overdue`, `check`, `report` and `list --format json`.
#
#   scripts/bench-cli.sh                  # 10,000 and 100,000 milestones
#   scripts/bench-cli.sh 1000 10000       # other sizes
#   RUNS=20 scripts/bench-cli.sh          # more runs (default 10, after 2 warm-ups)
#   STRIDE=/tmp/old/stride scripts/bench-cli.sh  # another build of stride (before/after)
#
# Both programs run in the same hyperfine invocation, alternating, so that
# whatever else the machine is doing weighs on both: compare the ratios.
# Needs hyperfine and GNU time (`apt-get install -y hyperfine time`).
set -euo pipefail
cd "$(dirname "$0")/.."

sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(10000 100000)
runs=${RUNS:-10}
today=2023-06-20
target=${CARGO_TARGET_DIR:-target}
work="$target/bench-cli"

for tool in hyperfine /usr/bin/time; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "bench-cli: $tool is missing (apt-get install -y hyperfine time)" >&2
    exit 1
  fi
done

cargo build --release --quiet --bin stride --example floor --example synth
stride=${STRIDE:-$target/release/stride}
floor="$target/release/examples/floor"
synth="$target/release/examples/synth"
mkdir -p "$work"

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), \
$(free -h | awk '/^Mem:/ {print $2}') memory, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "stride: $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet 2>/dev/null || echo '+changes'), \
$(rustc --version)"
echo

# a / b, for the table
div() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b == 0 ? 0 : a / b) }'; }

# median of the numbers on stdin
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# peak resident memory in KiB, median of 5 runs
peak_kib() { for _ in 1 2 3 4 5; do /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -n1; done | median; }

printf '%-9s %-10s %10s %10s %10s %10s %8s %8s %8s\n' milestones program "wall ms" "±ms" "cpu ms" "peak MiB" "wall x" "cpu x" "peak x"
for n in "${sizes[@]}"; do
  dir="$work/m$n"
  "$synth" --milestones "$n" --today "$today" --force "$dir" 2>/dev/null
  rm -rf "$dir/history" "$dir/reports"
  # two earlier weeks of history, as a real folder has
  for day in 2023-06-06 2023-06-13; do "$stride" --data "$dir" --today "$day" snapshot >/dev/null; done
  floor_cmd=("$floor" --today "$today" "$dir")
  base=("$stride" --data "$dir" --today "$today")
  names=(overdue check report json)
  cmds=("${base[*]} list --overdue" "${base[*]} check" "${base[*]} report" "${base[*]} list --format json")

  # the same answer: milestone rows listed, milestones counted
  floor_count=$("${floor_cmd[@]}" | awk '{print $NF}')
  stride_count=$("${base[@]}" list --overdue | awk 'NR > 1 && $1 ~ /^[^\/]+\/[^\/]+\/[^\/]+$/' | wc -l)

  csv="$work/m$n.csv"
  hyperfine -N --style none --warmup 2 --runs "$runs" --export-csv "$csv" \
    -n floor "${floor_cmd[*]}" \
    -n "${names[0]}" "${cmds[0]}" -n "${names[1]}" "${cmds[1]}" \
    -n "${names[2]}" "${cmds[2]}" -n "${names[3]}" "${cmds[3]}" >/dev/null
  # command,mean,stddev,median,user,system,min,max (seconds)
  row() { awk -F, -v n="$1" '$1==n {print $4*1000, $3*1000, ($5+$6)*1000}' "$csv"; }
  read -r f_med f_sd f_cpu < <(row floor)
  f_mem=$(peak_kib "${floor_cmd[@]}")
  printf '%-9s %-10s %10.1f %10.1f %10.1f %10s\n' "$n" floor "$f_med" "$f_sd" "$f_cpu" "$(div "$f_mem" 1024)"
  for i in "${!names[@]}"; do
    read -r s_med s_sd s_cpu < <(row "${names[$i]}")
    # shellcheck disable=SC2086 # the command's words
    s_mem=$(peak_kib ${cmds[$i]})
    printf '%-9s %-10s %10.1f %10.1f %10.1f %10s %7sx %7sx %7sx\n' "$n" "${names[$i]}" "$s_med" "$s_sd" "$s_cpu" \
      "$(div "$s_mem" 1024)" "$(div "$s_med" "$f_med")" "$(div "$s_cpu" "$f_cpu")" "$(div "$s_mem" "$f_mem")"
  done
  if [ "$floor_count" != "$stride_count" ]; then
    echo "bench-cli: stride listed $stride_count overdue milestones, the floor counted $floor_count" >&2
    exit 1
  fi

  # `set`: one field of one milestone of the first objective file, with
  # this week's history file present (the whole folder recorded once);
  # ratios to the floor of the whole folder and to a floor of that one file
  "$stride" --data "$dir" --today "$today" snapshot >/dev/null
  one_file=$(ls "$dir"/*.toml | head -n1)
  one="$work/m$n-one"
  rm -rf "$one" && mkdir -p "$one" && cp "$one_file" "$one/"
  objective=$(basename "$one_file" .toml)
  milestone=$(grep -m1 -o '^\[project\.[^].]*\.milestone\.[^].]*\]' "$one_file" | sed 's/^\[project\.\([^.]*\)\.milestone\.\([^]]*\)\]/\1\/\2/')
  item="$objective/$milestone"
  one_cmd=("$floor" --today "$today" "$one")
  set_cmd=("$stride" --data "$dir" --today "$today" set "$item" --percent 37)
  unset_cmd=("$stride" --data "$dir" --today "$today" set "$item" --percent 36)
  set_csv="$work/m$n-set.csv"
  # each timed set changes the percent: the one before each run sets it back
  hyperfine -N --style none --warmup 2 --runs "$runs" --export-csv "$set_csv" \
    --prepare true --prepare true --prepare "${unset_cmd[*]}" \
    -n floor "${floor_cmd[*]}" -n floor-one "${one_cmd[*]}" -n set "${set_cmd[*]}" >/dev/null
  read -r f_med f_sd f_cpu < <(awk -F, '$1=="floor" {print $4*1000, $3*1000, ($5+$6)*1000}' "$set_csv")
  read -r o_med o_sd o_cpu < <(awk -F, '$1=="floor-one" {print $4*1000, $3*1000, ($5+$6)*1000}' "$set_csv")
  read -r t_med t_sd t_cpu < <(awk -F, '$1=="set" {print $4*1000, $3*1000, ($5+$6)*1000}' "$set_csv")
  o_mem=$(peak_kib "${one_cmd[@]}")
  t_mem=$(peak_kib "${set_cmd[@]}")
  printf '%-9s %-8s %10.1f %10.1f %10.1f %10s %10s\n' "$n" floor-1 "$o_med" "$o_sd" "$o_cpu" "$(div "$o_mem" 1024)" "$(du -k "$one_file" | cut -f1)KiB"
  printf '%-9s %-8s %10.1f %10.1f %10.1f %10s %10s\n' "$n" set "$t_med" "$t_sd" "$t_cpu" "$(div "$t_mem" 1024)" "$item"
  printf '%-9s %-8s %9sx %10s %9sx %9sx  (set / floor of the folder)\n' "$n" ratio \
    "$(div "$t_med" "$f_med")" "" "$(div "$t_cpu" "$f_cpu")" "$(div "$t_mem" "$f_mem")"
  printf '%-9s %-8s %9sx %10s %9sx %9sx  (set / floor of its one file)\n' "$n" ratio-1 \
    "$(div "$t_med" "$o_med")" "" "$(div "$t_cpu" "$o_cpu")" "$(div "$t_mem" "$o_mem")"
  rm -rf "$one"
done
echo
echo "wall: median of $runs runs; cpu: mean user+system; peak: median max RSS of 5 runs (GNU time);"
echo "x: ratio to the floor of the same run; the folder holds two earlier weeks of history"
