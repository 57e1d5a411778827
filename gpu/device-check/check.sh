#!/usr/bin/env bash
# Runs on the GPU machine, from the kit that make-kit.sh built (no JDK or Maven needed there): first what the machine
# and its OpenCL look like, then mlp4j's tests and checks on it, every step under a time limit. See docs/gpu.md.
#
# Usage: bash target/device-kit/check.sh [--quick] [--dry-run]
#   In order of importance, so that what matters most is in when the time runs out: the machine and its OpenCL, the
#   agreement tests (every opencl engine against core), a short bench at batches 10, 100 and 1000, Aparapi's tests,
#   the CLI checks. At most 540 s in all, so that the whole kit fits one 10-minute call of the device tool.
#   --quick: no 30-epoch MNIST agreement test, no BackendCloseLeakTest (120 context create/close rounds per engine);
#            at most 300 s. MLP4J_CHECK_BUDGET=SECONDS overrides the total (a slow machine, such as the 2-core PoCL
#            one where the kit is built).
#   --dry-run: runs nothing; prints each step with the limit it would get if every step before it ran to its own
#            limit (NOT STARTED where the budget would be spent), and exits 0.
#
# Writes to $OUT (default /tmp/mlp4j-device-check), at most 7 files (the device tool brings back 8):
#   summary.txt        what this script concluded, also printed at the end (read it first)
#   opencl.txt         glibc, the runtime's java -version, nvidia-smi, ICD files and loaders, the OpenCL environment
#                      the checks ran with, and one `mlp4j devices` under OCL_ICD_DEBUG=15 and LD_DEBUG=libs (which
#                      ICD files the loader read, which OpenCL libraries were opened)
#   tests-aparapi.txt  the JUnit run of dev.mlp4j.gpu.aparapi (AparapiGcMoveTest, agreement), in a JVM of its own, so
#                      that an Aparapi crash cannot take the other tests with it
#   tests.txt          the JUnit run of the other gpu tests (their aparapi cases included)
#   checks.log         the CLI runs: devices, gradcheck, MNIST epochs on opencl/core/aparapi, bench
#   results.jsonl      the last (JSON) line of each CLI run
#   crashes.txt        only if a JVM crashed: its hs_err log(s) (every java here gets -XX:ErrorFile)
#
# Exit status: the sum of what went wrong, 0 when nothing did:
#    1  the kit cannot run here (glibc older than the runtime needs, or java -version fails); nothing else ran
#    2  a CLI check exited non-zero
#    4  a test failed, or a JUnit run crashed, timed out or printed no summary
#    8  NO GPU: `mlp4j devices` listed no GPU device (the checks then ran on whatever OpenCL device there was)
#   16  tests were skipped or aborted (an assumption failed: a backend could not run)
#   32  a JVM crashed natively (crashes.txt)
#   64  a step timed out, or was not started because the time was up
# So on a machine whose only OpenCL device is a CPU and where everything passes, the status is 8.
set -uo pipefail
start=$SECONDS
kit="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${OUT:-/tmp/mlp4j-device-check}"
mkdir -p "$out"
rm -f "$out"/{summary.txt,opencl.txt,tests-aparapi.txt,tests.txt,checks.log,results.jsonl,crashes.txt}
# The JVMs' working directory (a crashing child JVM writes hs_err_pid*.log there) and scratch files.
work="$(mktemp -d "${TMPDIR:-/tmp}/mlp4j-check.XXXXXX")"
cd "$work" || exit 1
quick=false
dry=false
for arg in "$@"; do
    case "$arg" in
        --quick) quick=true ;;
        --dry-run) dry=true ;;
        *) echo "usage: check.sh [--quick] [--dry-run]" >&2; exit 2 ;;
    esac
done
if $quick; then budget="${MLP4J_CHECK_BUDGET:-300}"; else budget="${MLP4J_CHECK_BUDGET:-540}"; fi
# A dry run's clock: the seconds the steps so far would take at their limits.
planned=0
java="$kit/runtime/bin/java"
jar="$kit/lib/mlp4j.jar"
jvm=(-XX:ErrorFile="$work/hs_err_%p.log" -Dmlp4j.data="$kit/mnist")
status=0

say() { echo "$*" | tee -a "$out/summary.txt"; }
fail() { status=$((status | $1)); shift; say "$*"; }
elapsed() { echo $((SECONDS - start + planned)); }

# step LOG LIMIT NAME COMMAND...: runs COMMAND with its output appended to LOG (so what it printed stays there when
# it is killed), under `timeout -k 5 LIMIT`, LIMIT cut to what is left of the budget; returns its exit status (124 or
# 137 when it timed out, 125 when it was not started for lack of time).
step() {
    local log="$1" limit="$2" name="$3"
    shift 3
    local left=$((budget - $(elapsed) - 5))
    if [ "$left" -lt 10 ]; then
        echo "== $name: NOT STARTED, the ${budget} s budget is spent" >> "$log"
        fail 64 "NOT STARTED (budget spent): $name"
        return 125
    fi
    [ "$limit" -gt "$left" ] && limit=$left
    if $dry; then
        say "step at ${planned} s: $name (limit ${limit} s)"
        planned=$((planned + limit))
        return 0
    fi
    echo "== $name (limit ${limit} s, at $(elapsed) s)" >> "$log"
    local t=$SECONDS
    # (The outer 2> /dev/null drops bash's own "Aborted"/"Killed" line about the child.)
    { timeout -k 5 "$limit" "$@" >> "$log" 2>&1 < /dev/null; } 2> /dev/null
    local rc=$?
    echo "== $name: exit $rc after $((SECONDS - t)) s" >> "$log"
    if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
        fail 64 "TIMED OUT after ${limit} s: $name"
    fi
    return "$rc"
}

# mlp4j LIMIT ARGS...: one CLI run with --json into checks.log, its last line into results.jsonl.
mlp4j() {
    local limit="$1"
    shift
    : > "$work/last.txt"
    step "$work/last.txt" "$limit" "mlp4j $*" "$java" "${jvm[@]}" -jar "$jar" "$@" --json
    local rc=$?
    cat "$work/last.txt" >> "$out/checks.log"
    grep '^{' "$work/last.txt" | tail -n 1 >> "$out/results.jsonl"
    if [ "$rc" -ne 0 ] && [ "$rc" -ne 124 ] && [ "$rc" -ne 137 ] && [ "$rc" -ne 125 ]; then
        fail 2 "FAILED (exit $rc): mlp4j $*"
    fi
    return "$rc"
}

say "mlp4j device check$($quick && echo ' --quick')$($dry && echo ' --dry-run'), budget ${budget} s, kit $kit, output $out"
if ! command -v timeout > /dev/null; then
    say "WARNING: no timeout command (coreutils) here: the steps run without time limits"
    timeout() { shift 3; "$@"; }
fi

# 1. Can the kit's runtime run here at all? Its libraries need the glibc recorded by make-kit.sh.
$dry || {
    echo "== date"; date -u
    echo "== machine"; uname -a; echo "cpus: $(nproc)"; free -g 2>&1 | head -n 2
    echo "== glibc"; ldd --version 2>&1 | head -n 1; getconf GNU_LIBC_VERSION 2>&1
    echo "the kit needs: $(cat "$kit/glibc.txt" 2>/dev/null || echo unknown)"
} >> "$out/opencl.txt" 2>&1
have="$(getconf GNU_LIBC_VERSION 2>/dev/null | awk '{print $2}')"
need="$(sed 's/GLIBC_//' "$kit/glibc.txt" 2>/dev/null)"
say "glibc: ${have:-unknown} here, ${need:-unknown} needed by the kit ($(ldd --version 2>&1 | head -n 1))"
if [ -n "$have" ] && [ -n "$need" ] && [ "$(printf '%s\n%s\n' "$need" "$have" | sort -V | head -n 1)" != "$need" ]; then
    fail 1 "KIT CANNOT RUN: glibc $have is older than the $need the jlinked runtime needs; rebuild the kit on an older distribution"
    exit "$status"
fi
if ! step "$out/opencl.txt" 15 "java -version" "$java" -XX:ErrorFile="$work/hs_err_%p.log" -version; then
    fail 1 "KIT CANNOT RUN: $java -version failed:"
    tail -n 5 "$out/opencl.txt" | tee -a "$out/summary.txt"
    exit "$status"
fi
$dry || say "runtime: $(grep -m 1 -E '^(openjdk|java) version' "$out/opencl.txt")"

# 2. The OpenCL environment: the NVIDIA driver, its ICD file, the ICD loader.
step "$out/opencl.txt" 10 "nvidia-smi -L" nvidia-smi -L
step "$out/opencl.txt" 10 "nvidia-smi (query)" nvidia-smi \
    --query-gpu=name,driver_version,memory.total,memory.used,compute_mode --format=csv
$dry || {
    echo "== ICD files"; ls -la /etc/OpenCL/vendors 2>&1; head -n 5 /etc/OpenCL/vendors/*.icd 2>&1; echo
    echo "== loaders"; ldconfig -p | grep -i opencl
    command -v clinfo > /dev/null && { echo "== clinfo -l"; timeout -k 2 15 clinfo -l 2>&1; }
} >> "$out/opencl.txt" 2>&1
# Where NVIDIA's OpenCL driver lies. A container may mount the driver on a folder of its own (/usr/local/nvidia),
# which `find / -xdev` skips, and ld.so's cache may not list it: so the cache, /usr/local/nvidia and
# LD_LIBRARY_PATH's folders first, then the root file system, each path once.
: > "$work/nvidia.txt"
step "$work/nvidia.txt" 20 "where NVIDIA's OpenCL driver lies" bash -c '
    { ldconfig -p 2> /dev/null | grep -o "/[^ ]*/libnvidia-opencl\.so[.0-9]*$"
      IFS=: read -r -a dirs <<< "/usr/local/nvidia:${LD_LIBRARY_PATH:-}"
      for d in "${dirs[@]}"; do
          [ -n "$d" ] && [ -d "$d" ] && find "$d" -maxdepth 4 -name "libnvidia-opencl.so*" 2> /dev/null
      done
      find / -xdev \( -path /proc -o -path /sys \) -prune -o -name "libnvidia-opencl.so*" -print 2> /dev/null
    } | awk "!seen[\$0]++"'
cat "$work/nvidia.txt" >> "$out/opencl.txt"
nv="$(grep -E '^/.*/libnvidia-opencl\.so\.1$' "$work/nvidia.txt" | head -n 1)"

# Where no ICD file names NVIDIA's driver (a container that mounts the driver without
# /etc/OpenCL/vendors/nvidia.icd), register it in an ICD folder of our own, with the machine's other ICD files: by
# its path and with its folder on LD_LIBRARY_PATH (for the libraries beside it) where it was found, else by its bare
# name, which the dynamic linker may still resolve (a loader skips a driver it cannot open). The kit's ocl-icd
# loader always goes first: only ocl-icd honours OCL_ICD_VENDORS (NVIDIA's own libOpenCL, which CUDA images may
# carry, does not), and JOCL needs the unversioned libOpenCL.so, which only the development package installs.
if ! grep -qs -i nvidia /etc/OpenCL/vendors/*.icd; then
    mkdir -p "$work/icd"
    cp /etc/OpenCL/vendors/*.icd "$work/icd/" 2> /dev/null
    if [ -n "$nv" ]; then
        echo "$nv" > "$work/icd/nvidia.icd"
        export LD_LIBRARY_PATH="$(dirname "$nv")${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
        say "no ICD file names NVIDIA's driver: registered $nv in $work/icd (OCL_ICD_VENDORS)"
    else
        echo "libnvidia-opencl.so.1" > "$work/icd/nvidia.icd"
        say "no ICD file names NVIDIA's driver and none was found: registered the bare libnvidia-opencl.so.1 in $work/icd"
    fi
    export OCL_ICD_VENDORS="$work/icd"
fi
if [ -e "$kit/lib/libOpenCL.so.1" ]; then
    export LD_LIBRARY_PATH="$kit/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
    say "using the kit's ICD loader (ocl-icd) first on LD_LIBRARY_PATH"
else
    say "the kit has no ICD loader (make-kit.sh found none to copy); the machine's must do"
fi
mkdir -p /tmp/nvcache && export CUDA_CACHE_PATH=/tmp/nvcache
{
    echo "== environment of the checks"
    echo "LD_LIBRARY_PATH=${LD_LIBRARY_PATH:-}"
    echo "OCL_ICD_VENDORS=${OCL_ICD_VENDORS:-}"
    echo "CUDA_CACHE_PATH=$CUDA_CACHE_PATH"
} >> "$out/opencl.txt"

# 3. What mlp4j sees, once traced (into opencl.txt), once for the record (checks.log). OCL_ICD_DEBUG=15 makes an
# ocl-icd loader built with debugging say which ICD files it reads and which drivers it opens (Debian's and the
# kit's copy of it print nothing); LD_DEBUG=libs makes glibc's dynamic loader say the same of every library, of
# which opencl.txt keeps the libraries initialised and the lines naming OpenCL, NVIDIA, CUDA or PoCL.
: > "$work/trace.txt"
step "$work/trace.txt" 30 "mlp4j devices under OCL_ICD_DEBUG=15 LD_DEBUG=libs" \
    env OCL_ICD_DEBUG=15 LD_DEBUG=libs "$java" "${jvm[@]}" -jar "$jar" devices --verbose
awk '!/^ *[0-9]+:/ || ((/calling init:/ || /[Oo]pen[Cc][Ll]|nvidia|cuda|pocl/) && !/symbol lookup error/)' \
    "$work/trace.txt" | head -n 2000 >> "$out/opencl.txt"
mlp4j 30 devices
gpus="$(grep -s '"command":"devices"' "$out/results.jsonl" | grep -o '"type":"GPU"' | wc -l)"
if [ "$gpus" -eq 0 ]; then
    fail 8 "################################################################################"
    say "NO GPU: mlp4j devices lists no GPU device; every check below ran on what there is (a CPU device, or"
    say "nothing: then the GPU tests skip). See opencl.txt (nvidia-smi, ICD files, the loaders' traces)."
    say "################################################################################"
else
    say "GPU: mlp4j devices lists $gpus GPU device(s); auto: $(grep '"command":"devices"' "$out/results.jsonl" \
        | grep -o '"auto":"[^"]*"' | head -n 1)"
fi

# The gpu module's tests, on the class path itself (not the launcher's --class-path): some tests start child JVMs with java.class.path.
tests_cp="$kit/gpu-test-classes:$jar"
for j in "$kit"/lib/mlp4j-core-*-tests.jar "$kit"/lib/mlp4j-testdata-*.jar "$kit"/lib/quicktheories-*.jar \
         "$kit"/lib/junit-platform-console-standalone-*.jar; do
    tests_cp="$tests_cp:$j"
done
# junit LOG LIMIT NAME HEAP LAUNCHER-OPTIONS...: one JUnit console run (HEAP: -Xmx..., or "" for the default), a
# line per test as it starts and ends (testfeed: the tree view is printed only at the end, so a killed run left none).
junit() {
    local log="$1" limit="$2" name="$3" heap="$4"
    shift 4
    step "$log" "$limit" "$name" "$java" "${jvm[@]}" ${heap:+"$heap"} -cp "$tests_cp" org.junit.platform.console.ConsoleLauncher \
        execute --scan-class-path "$kit/gpu-test-classes" --details=testfeed --disable-banner --disable-ansi-colors "$@"
    local rc=$?
    { [ "$rc" -eq 125 ] || $dry; } && return
    local found failed skipped aborted ok
    found=$(sed -n 's/^\[ *\([0-9]*\) tests found .*/\1/p' "$log" | tail -n 1)
    ok=$(sed -n 's/^\[ *\([0-9]*\) tests successful .*/\1/p' "$log" | tail -n 1)
    failed=$(sed -n 's/^\[ *\([0-9]*\) tests failed .*/\1/p' "$log" | tail -n 1)
    skipped=$(sed -n 's/^\[ *\([0-9]*\) tests skipped .*/\1/p' "$log" | tail -n 1)
    aborted=$(sed -n 's/^\[ *\([0-9]*\) tests aborted .*/\1/p' "$log" | tail -n 1)
    if [ -z "$found" ]; then
        fail 4 "TESTS $name: NO SUMMARY (exit $rc): the JVM crashed or was killed; what ran is in $(basename "$log")"
        say "  the last test started: $(grep ':: STARTED' "$log" | tail -n 1)"
        return
    fi
    say "tests $name: $found found, $ok passed, $failed failed, $skipped skipped, $aborted aborted (exit $rc)"
    [ "$failed" -gt 0 ] || [ "$rc" -ne 0 ] && fail 4 "TESTS FAILED in $name:"
    [ "$failed" -gt 0 ] && grep -E ':: FAILED' "$log" | head -n 20 | tee -a "$out/summary.txt"
    if [ $((skipped + aborted)) -gt 0 ]; then
        fail 16 "TESTS SKIPPED in $name: $((skipped + aborted)) (a backend could not run; reasons in $(basename "$log")):"
        grep -E -A 1 ':: (SKIPPED|ABORTED)' "$log" | head -n 20 | tee -a "$out/summary.txt"
    fi
}
# 4. The agreement tests first, in the time they need: both opencl engines against core (a 70,000-row batch among
# them), transfers, failures, the no-OpenCL child JVM; without --quick also the 30-epoch MNIST agreement and
# BackendCloseLeakTest (a context created and closed 120 times per engine, with a bound on resident memory: minutes,
# and a bound not known to hold, on a GPU driver). The tests run on the device auto picks (the GPU); Aparapi's
# package runs after the bench, in a JVM of its own.
exclude=(--exclude-classname '.*DeviceCheckScriptTest')
if $quick; then
    exclude+=(--exclude-classname '.*MnistAgreementTest' --exclude-classname '.*BackendCloseLeakTest')
fi
if $quick; then limit=150; else limit=270; fi
junit "$out/tests.txt" "$limit" "others" "" --exclude-package dev.mlp4j.gpu.aparapi "${exclude[@]}"

# 5. A short bench at batches 10, 100 and 1000 (784-100-10), the rates the first GPU session is after, next in
# importance to the agreement tests; without --quick also 784-1024-1024-10 at batch 1000.
cases='784,100,10@10;784,100,10@100;784,100,10@1000'
$quick || cases="$cases;784,1024,1024,10@1000"
if $quick; then limit=50; else limit=75; fi
mlp4j "$limit" bench --data "$kit/mnist" --backends opencl,aparapi --repeat 1 --max-seconds 4 --case "$cases"

# 6. Aparapi's tests. A 1 GiB heap: a small young generation, which AparapiGcMoveTest fills quickly to make the collector move arrays.
junit "$out/tests-aparapi.txt" 75 "aparapi" -Xmx1g --include-package dev.mlp4j.gpu.aparapi
# AparapiGcMoveTest's lines (the device, which arrays the collector moved and how often).
grep -hs '^AparapiGcMoveTest' "$out/tests-aparapi.txt" | tee -a "$out/summary.txt"

# 7. The CLI on the device: gradients, two MNIST epochs on each backend (their accuracies must agree).
mlp4j 30 gradcheck --backend opencl
mlp4j 30 gradcheck --backend aparapi
mlp4j 45 train --data "$kit/mnist" --backend opencl --epochs 2 --no-progress
mlp4j 60 train --data "$kit/mnist" --backend core --epochs 2 --no-progress
mlp4j 45 train --data "$kit/mnist" --backend aparapi --epochs 2 --no-progress
grep -hs '"command":"train"' "$out/results.jsonl" | while read -r line; do
    echo "train: $(echo "$line" | grep -o '"backend":"[^"]*"\|"epochs":[0-9]*\|"testAccuracy":[0-9.]*\|"secondsPerEpoch":[0-9.]*' \
        | paste -sd ' ')"
done | tee -a "$out/summary.txt"

# 8. Native crashes: the hs_err logs of the JVMs above and of the tests' child JVMs (working directory $work).
crashes=("$work"/hs_err*.log)
if [ -e "${crashes[0]}" ]; then
    # The first 400 lines of each: the error, the problematic frame, the Java and native stacks, the threads.
    for f in "${crashes[@]}"; do echo "==== $f"; head -n 400 "$f"; done > "$out/crashes.txt"
    fail 32 "JVM CRASHED ${#crashes[@]} time(s), see crashes.txt:"
    for f in "${crashes[@]}"; do
        echo "  $(grep -m 1 -E '^#  (SIG|EXCEPTION|Internal Error|fatal error|Out of Memory)' "$f")" \
            "$(grep -A 1 '^# Problematic frame' "$f" | tail -n 1)"
    done | head -n 5 | tee -a "$out/summary.txt"
fi

if $dry; then
    say "dry run: the steps above would take at most ${planned} s of the ${budget} s budget"
    rm -rf "$work"
    exit 0
fi
say "done in $(elapsed) s, exit status $status (1 kit, 2 CLI check, 4 tests, 8 no GPU, 16 skipped, 32 crash, 64 time)"
rm -rf "$work"
exit "$status"
