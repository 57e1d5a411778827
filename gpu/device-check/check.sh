#!/usr/bin/env bash
# Runs on the GPU machine, from the kit that make-kit.sh built (no JDK or Maven needed there): first what OpenCL
# the machine offers, then mlp4j's checks on it. Everything lands in $OUT (the device tool brings back at most 8
# files): opencl.txt, checks.log, results.jsonl, tests.txt.
# Usage: bash target/device-kit/check.sh [--quick]   (--quick: no 30-epoch agreement test, no bench)
# Takes about 2 minutes with --quick and 6 without on the CPU device here; see docs/gpu.md.
set -uo pipefail
kit="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${OUT:-/tmp/mlp4j-device-check}"
mkdir -p "$out"
quick="${1:-}"
java="$kit/runtime/bin/java"
cp="$kit/lib/mlp4j.jar"

{
    echo "== machine"; uname -a; nproc; nvidia-smi -L 2>&1
    echo "== ICD files"; ls -la /etc/OpenCL/vendors 2>&1; cat /etc/OpenCL/vendors/*.icd 2>&1; echo
    echo "== loaders"; ldconfig -p | grep -i opencl
    echo "== NVIDIA's OpenCL driver"; find / -xdev -name 'libnvidia-opencl.so*' 2>/dev/null | head
} > "$out/opencl.txt" 2>&1

# An NVIDIA driver mounted without its ICD file, or a machine without the ICD loader: supply both from the kit.
if ! ldconfig -p | grep -q 'libOpenCL.so '; then
    export LD_LIBRARY_PATH="$kit/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
    echo "using the kit's ICD loader" >> "$out/opencl.txt"
fi
if ! grep -qs nvidia /etc/OpenCL/vendors/*.icd; then
    nv="$(find / -xdev -name 'libnvidia-opencl.so.1' 2>/dev/null | head -n 1)"
    if [ -n "$nv" ]; then
        mkdir -p /tmp/icd && echo "$nv" > /tmp/icd/nvidia.icd
        export OCL_ICD_VENDORS=/tmp/icd
        echo "using an ICD file for $nv" >> "$out/opencl.txt"
    fi
fi

mlp4j() {
    echo "\$ mlp4j $*"
    "$java" -Dmlp4j.data="$kit/mnist" -jar "$cp" "$@" --json > "$out/last.txt" 2>&1
    local rc=$?
    cat "$out/last.txt"
    tail -n 1 "$out/last.txt" >> "$out/results.jsonl"
    echo "exit $rc"
}

{
    mlp4j devices
    mlp4j gradcheck --backend opencl
    mlp4j gradcheck --backend aparapi
    mlp4j train --data "$kit/mnist" --backend opencl --epochs 2 --no-progress
    mlp4j train --data "$kit/mnist" --backend core --epochs 2 --no-progress
    mlp4j train --data "$kit/mnist" --backend aparapi --epochs 2 --no-progress
    mlp4j train --data "$kit/mnist" --backend opencl --layers 784,100,10 --hidden sigmoid --output sigmoid \
        --cost cross-entropy --l2 5.0 --lr 0.5 --batch 10 --epochs 30 --seed 1 --no-progress
    if [ "$quick" != "--quick" ]; then
        mlp4j bench --data "$kit/mnist" --backends opencl,aparapi --repeat 3 --max-seconds 20 \
            --case '784,100,10@10;784,100,10@100;784,100,10@1000;784,1024,1024,10@1000'
    fi
} > "$out/checks.log" 2>&1
rm -f "$out/last.txt"

# The gpu module's tests, on whatever device auto finds (a GPU here): agreement with core, transfers, leaks.
exclude=()
[ "$quick" = "--quick" ] && exclude=(--exclude-classname '.*MnistAgreementTest')
# On the class path itself (not the launcher's --class-path): some tests start child JVMs with java.class.path.
tests_cp="$kit/gpu-test-classes:$cp"
for j in "$kit"/lib/mlp4j-core-*-tests.jar "$kit"/lib/mlp4j-testdata-*.jar "$kit"/lib/quicktheories-*.jar \
         "$kit"/lib/junit-platform-console-standalone-*.jar; do
    tests_cp="$tests_cp:$j"
done
"$java" -Dmlp4j.data="$kit/mnist" -cp "$tests_cp" org.junit.platform.console.ConsoleLauncher execute \
    --scan-class-path "$kit/gpu-test-classes" "${exclude[@]}" --details=tree --disable-banner > "$out/tests.txt" 2>&1
echo "tests exit $?" >> "$out/tests.txt"
tail -n 20 "$out/tests.txt"
grep -h '"command"' "$out/results.jsonl" | cut -c1-300
