# Sourced by scripts/test.sh and scripts/demo.sh: `stage NAME COMMAND...` runs a step,
# timing it; `stages_report` (run at exit, success or not) prints each step and its
# seconds, so every log shows where the time went.
_stage_names=()
_stage_secs=()
_stage_status=()
_stages_start=$SECONDS

stage() {
  local name=$1 start=$SECONDS status=0
  shift
  echo "== $name"
  if "$@"; then status=0; else status=$?; fi
  _stage_names+=("$name")
  _stage_secs+=($((SECONDS - start)))
  _stage_status+=("$([[ $status == 0 ]] && echo ok || echo "FAILED ($status)")")
  return "$status"
}

stages_report() {
  (( ${#_stage_names[@]} )) || return 0
  echo
  echo "== stages (seconds)"
  local i
  for i in "${!_stage_names[@]}"; do
    printf '%6d  %-58s %s\n' "${_stage_secs[$i]}" "${_stage_names[$i]}" "${_stage_status[$i]}"
  done
  printf '%6d  %s\n' $((SECONDS - _stages_start)) "total"
}
