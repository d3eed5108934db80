# Shared by bench/python/instructions and bench/node/instructions (sourced): the base tree, the
# count of one run, per-call counts from a `count TREE FILE N JOB` the sourcing script defines,
# and the table that compares two trees.

# base_tree DIR REV: a git worktree at DIR (under the ignored target/) checked out at REV.
base_tree() {
  [ -d "$1" ] || git worktree add -q --detach "$1" "$2"
  git -C "$1" checkout -q --detach "$2"
}

# callgrind [VALGRIND_OPTIONS] PROGRAM ARGS…: the instructions callgrind counts in one run, with
# no address randomisation (the program's own output is dropped).
callgrind() {
  setarch "$(uname -m)" -R valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null | awk '/Collected/ {print $4}'
}

# per_call TREE FILE JOB: the smaller of (600 − 200) / 400 and (1000 − 600) / 400 calls, so that
# start-up cancels and a one-off (a page of memory, a compile) inside one window is dropped.
per_call() {
  local a b c
  a=$(count "$1" "$2" 200 "$3"); b=$(count "$1" "$2" 600 "$3"); c=$(count "$1" "$2" 1000 "$3")
  echo $(( (b - a) / 400 < (c - b) / 400 ? (b - a) / 400 : (c - b) / 400 ))
}

# compare BASE NOW BASE_REV: for each job of $JOBS, a row per example of examples/requests and per
# body of bench/violating whose name starts with $ONLY (default: all), counted with `count BASE …`
# and `count NOW …`, and their ratio; then the median, best and worst ratio of each set.
compare() {
  local job rows file set files
  for set in examples/requests bench/violating; do for job in $JOBS; do
    files=("$set/${ONLY:-}"*.json)
    [ -e "${files[0]}" ] || continue
    rows=$(for file in "${files[@]}"; do
      echo "$(basename "$file" .json) $(per_call "$1" "$file" $job) $(per_call "$2" "$file" $job)"
    done)
    echo "| $set | $job at $3 | $job now | ratio |"
    echo "|---|---:|---:|---:|"
    awk '{ printf "| %s | %d | %d | %.2f× |\n", $1, $2, $3, $3 / $2 }' <<<"$rows"
    awk '{ printf "%.2f\n", $3 / $2 }' <<<"$rows" | sort -n | awk -v set="$set" -v job="$job" -v base="$3" '
      { r[NR] = $1 }
      END { printf "\n%s %s now / at %s: median %.2f×, best %.2f×, worst %.2f× (instructions)\n\n", set, job, base, r[int((NR + 1) / 2)], r[1], r[NR] }'
  done; done
}
