#!/usr/bin/env bash
# Builds target/device-kit/: all that a machine without a JDK or Maven needs to run mlp4j's GPU checks (check.sh
# beside this file): a jlinked Java runtime, the CLI jar without other platforms' native libraries, the gpu module's
# tests with a JUnit console launcher, the OpenCL ICD loader, and MNIST. Kept under the device tool's 64 MiB.
# Usage: gpu/device-check/make-kit.sh [MNIST_DIR]   (default: what the CLI finds: MLP4J_DATA, then ../shared/mnist)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
kit="$root/target/device-kit"
cd "$root"

mvn -q -B -DskipTests -Dmaven.javadoc.skip=true install
rm -rf "$kit"
mkdir -p "$kit/lib" "$kit/mnist"

# The runtime: only what the device checks load (java.logging for Aparapi's log, jdk.unsupported for its Unsafe,
# java.sql for Jackson); no java.desktop (pictures) or java.net.http (download). libjvm.so is stripped of symbols.
jlink --add-modules java.base,java.logging,java.sql,jdk.unsupported \
    --strip-debug --no-man-pages --no-header-files --compress=2 --output "$kit/runtime"
strip --strip-unneeded "$kit/runtime/lib/server/libjvm.so"

# The CLI jar, without the native libraries of other operating systems and processors (most of its size) and
# without the PDF writer that only vector pictures use.
cp cli/target/mlp4j.jar "$kit/lib/mlp4j.jar"
zip -q -d "$kit/lib/mlp4j.jar" 'win/*' 'osx/*' 'linux/libaparapi_aarch64.so' 'linux/libaparapi_armhf.so' \
    'linux/libaparapi_x86.so' 'lib/apple/*' 'lib/windows/*' 'lib/*windows*' 'lib/*apple*' 'lib/*linux-arm64*' \
    'org/jline/nativ/FreeBSD/*' 'org/jline/nativ/Mac/*' 'org/jline/nativ/Windows/*' 'org/jline/nativ/Linux/arm*' \
    'org/jline/nativ/Linux/ppc64/*' 'org/jline/nativ/Linux/x86/*' 'org/apache/pdfbox/*' 'org/apache/fontbox/*' \
    >/dev/null

# The gpu module's tests and what they need besides the CLI jar.
cp -r gpu/target/test-classes "$kit/gpu-test-classes"
cp core/target/mlp4j-core-*-tests.jar testdata/target/mlp4j-testdata-*.jar "$kit/lib/"
# QuickTheories and the JUnit console launcher in the versions the gpu module's tests resolve to, so that a version
# change in the pom needs no change here (the console launcher bundles the platform the resolved launcher belongs to).
mvn -q -B -pl gpu dependency:copy-dependencies -DincludeScope=test \
    -DincludeArtifactIds=quicktheories,junit-platform-launcher -DoutputDirectory="$kit/lib"
launcher=("$kit"/lib/junit-platform-launcher-*.jar)
platform_version="$(basename "${launcher[0]}" .jar)"
platform_version="${platform_version#junit-platform-launcher-}"
rm "${launcher[@]}"
mvn -q -B dependency:copy -Dartifact="org.junit.platform:junit-platform-console-standalone:$platform_version" \
    -DoutputDirectory="$kit/lib"

# The OpenCL ICD loader, in case the machine has only the vendor's driver; JOCL opens libOpenCL.so.
loader="$(ldconfig -p | awk '/libOpenCL\.so\.1 .*x86-64/ {print $NF; exit}')"
if [ -n "$loader" ]; then
    cp -L "$loader" "$kit/lib/libOpenCL.so.1"
    cp -L "$loader" "$kit/lib/libOpenCL.so"
fi

# MNIST, for the training runs (the files, not a copy into the project: target/ is ignored).
data="${1:-${MLP4J_DATA:-$root/../shared/mnist}}"
for f in train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte; do
    cp "$data/$f.gz" "$kit/mnist/"
done

# The newest glibc symbol version the kit's native code asks for (the runtime, Aparapi's library for this platform,
# the ICD loader): check.sh compares it with the machine's glibc before starting anything.
needed="$(
    { find "$kit/runtime" "$kit/lib" -name '*.so*' -type f; echo "$kit/runtime/bin/java"; } | while read -r f; do
        objdump -T "$f" 2>/dev/null | grep -o 'GLIBC_[0-9.]*' || true
    done
    unzip -p "$kit/lib/mlp4j.jar" linux/libaparapi_x86_64.so > "$kit/libaparapi.tmp" \
        && objdump -T "$kit/libaparapi.tmp" 2>/dev/null | grep -o 'GLIBC_[0-9.]*' || true
)"
rm -f "$kit/libaparapi.tmp"
echo "$needed" | sort -uV | tail -n 1 > "$kit/glibc.txt"
echo "the kit needs $(cat "$kit/glibc.txt") (this machine: $(getconf GNU_LIBC_VERSION))"

cp gpu/device-check/check.sh "$kit/check.sh"
du -sh "$kit"
size=$(du -sm "$kit" | cut -f1)
if [ "$size" -gt 61 ]; then
    echo "error: the kit is ${size} MiB; the device tool carries at most 64 MiB with the working tree." >&2
    exit 1
fi
