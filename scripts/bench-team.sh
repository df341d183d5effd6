#!/usr/bin/env bash
# The team commands at 100k, each beside its floor, in the same run:
#   - `stride merge-driver` on one objective file of the 100k portfolio
#     (about 2.5 MB) against examples/floor_edit.rs (the three versions
#     parsed into toml_edit documents);
#   - `stride log` over the 1,000 commits of scripts/gen-team-repo.sh,
#     without the first commit (--since) and with it, against
#     examples/floor.rs (one bare parse of the folder);
#   - `stride sync` after a few edits: the share of CPU in stride and in
#     its git children (perf record, samples by command).
#
#   scripts/bench-team.sh                 # builds target/bench-team/repo once
#   FRESH=1 scripts/bench-team.sh         # builds it again
#   PACK=1 scripts/bench-team.sh          # git gc the repo first (packed)
#
# Needs hyperfine, GNU time and perf. Compare ratios, not times: the
# machine is shared.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${CARGO_TARGET_DIR:-target}
work="$target/bench-team"
runs=${RUNS:-5}
cargo build --release --quiet --bin stride --example floor --example floor_edit --example synth
tdir="$(cd "$target" && pwd)"
stride="$tdir/release/stride"
floor="$tdir/release/examples/floor"
floor_edit="$tdir/release/examples/floor_edit"
mkdir -p "$work"
work="$(cd "$work" && pwd)"
repo="$work/repo"
if [ -n "${FRESH:-}" ] || [ ! -d "$repo/.git" ]; then
  scripts/gen-team-repo.sh "$repo" 100000 1000
fi
[ -n "${PACK:-}" ] && git -C "$repo" gc -q
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); stride $(git rev-parse --short HEAD)"
div() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b == 0 ? 0 : a / b) }'; }
row() { awk -F, -v n="$2" '$1==n {printf "%.0f %.0f\n", $4*1000, ($5+$6)*1000}' "$1"; }

# merge driver: base = the first commit's file, ours and theirs edit it apart
m="$work/merge"
mkdir -p "$m"
git -C "$repo" show HEAD~1000:data/o01-business.toml >"$m/base.toml"
awk '/^done = /{n++; if(n%500==0){print "done = 7"; next}} {print}' "$m/base.toml" >"$m/ours0.toml"
awk '/^done = /{n++; if(n%700==3){print "done = 9"; next}} /^owner = /{o++; if(o%900==5){print "owner = \"x\""; next}} {print}' "$m/base.toml" >"$m/theirs.toml"
hyperfine -N --style none --warmup 1 --runs "$runs" --export-csv "$m/t.csv" --prepare "cp $m/ours0.toml $m/ours.toml" \
  -n floor_edit "$floor_edit $m/base.toml $m/ours0.toml $m/theirs.toml" \
  -n driver "$stride merge-driver $m/base.toml $m/ours.toml $m/theirs.toml data/o01-business.toml" >/dev/null
read -r fw fc < <(row "$m/t.csv" floor_edit)
read -r dw dc < <(row "$m/t.csv" driver)
echo "merge-driver: floor_edit ${fw} ms wall ${fc} ms cpu; driver ${dw} ms wall ${dc} ms cpu; ratio $(div "$dw" "$fw")x wall $(div "$dc" "$fc")x cpu"

# log
hyperfine -N --style none --warmup 1 --runs "$runs" --export-csv "$work/log.csv" \
  -n floor "$floor $repo/data" \
  -n log-since "$stride --data $repo/data log --since 2023-06-02" \
  -n log-all "$stride --data $repo/data log" >/dev/null
read -r fw fc < <(row "$work/log.csv" floor)
for n in log-since log-all; do
  read -r lw lc < <(row "$work/log.csv" "$n")
  echo "$n: ${lw} ms wall ${lc} ms cpu; floor ${fw} ms; ratio $(div "$lw" "$fw")x wall $(div "$lc" "$fc")x cpu"
done

# sync: one edit, then stride sync with the message it writes (no remote:
# commit only), CPU samples by command; the commit is undone after
(cd "$repo" && sed -i '0,/^done = [0-9]*$/s//done = 42/' data/o02-upgrade.toml &&
  perf record -q -F 2000 -o "$work/sync.perf" "$stride" --data data sync >/dev/null 2>&1 &&
  git reset -q --hard HEAD~1)
perf report -i "$work/sync.perf" --sort comm --stdio 2>/dev/null | grep -E '^ +[0-9]' | sed 's/^/sync share: /'
