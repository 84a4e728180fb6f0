#!/usr/bin/env bash
# A user's project against the built jar: installs target/canceranmalan-VERSION.jar (with its
# pom) into a clean local Maven repository, then builds and runs examples/kotlin-consumer, which
# depends on it by coordinates only, from that repository. Run after `mvn verify`.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
root=$(cd "$here/.." && pwd)
version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' "$here/pom.xml" | head -1)
jar="$here/target/canceranmalan-$version.jar"
repo="$root/target/m2-clean"
rm -rf "$repo"
mvn -B -q -Dstyle.color=never -Dmaven.repo.local="$repo" install:install-file -Dfile="$jar" -DpomFile="$here/pom.xml"
out=$(cd "$root/examples/kotlin-consumer" &&
  mvn -B -q -Dstyle.color=never -Dmaven.repo.local="$repo" -Dcanceranmalan.version="$version" compile exec:java |
  sed 's/\x1b\[[0-9;]*m//g' | grep -v '^$')
echo "$out"
[ "$out" = "$(printf 'TNM-BASIS-REQUIRED\nform ok')" ] || { echo "consumer: unexpected output" >&2; exit 1; }
# Nothing but the installed artifact came from this checkout.
[ -z "$(find "$repo/se" -name '*.jar' ! -path "*/canceranmalan/$version/*")" ]
echo "consumer project ran against $jar from a clean repository"
