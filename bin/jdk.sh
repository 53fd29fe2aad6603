# Sourced by the project's scripts: finds a JDK 21 or newer and exports JAVA_HOME and PATH.
#
# Order: JAVA_HOME if it is 21+, then `java` on the PATH, then the usual install folders of
# Linux and macOS (the newest JDK found there wins). With none, one line says what to install.
# CONCURRENCY_LAB_JDK_DIRS (colon-separated globs) replaces the install folders; the tests use it.

CONCURRENCY_LAB_MIN_JAVA=21

# Prints the feature version (17, 21, 25, ...) of the JDK whose home is $1, or nothing.
jdk_feature_version() {
  local home=$1 line
  [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 0
  line=$("$home/bin/java" -XshowSettings:properties -version 2>&1 | grep -m1 'java.specification.version')
  line=${line##*= }
  line=${line#1.}  # 1.8 -> 8
  case "$line" in ''|*[!0-9]*) return 0 ;; esac
  printf '%s\n' "$line"
}

# The JDK home of the `java` on the PATH, following symlinks (/usr/bin/java -> .../bin/java).
jdk_home_of_path_java() {
  local java
  java=$(command -v java 2>/dev/null) || return 0
  java=$(readlink -f "$java" 2>/dev/null || printf '%s' "$java")
  dirname "$(dirname "$java")"
}

jdk_candidate_dirs() {
  if [ -n "${CONCURRENCY_LAB_JDK_DIRS:-}" ]; then
    printf '%s\n' "$CONCURRENCY_LAB_JDK_DIRS" | tr ':' '\n'
    return
  fi
  printf '%s\n' \
    '/usr/lib/jvm/*' '/usr/java/*' '/opt/java/*' '/opt/jdk*' '/usr/local/openjdk*' \
    "$HOME/.sdkman/candidates/java/*" "$HOME/.jdks/*" "$HOME/.asdf/installs/java/*" \
    '/Library/Java/JavaVirtualMachines/*/Contents/Home' \
    "$HOME/Library/Java/JavaVirtualMachines/*/Contents/Home" \
    '/opt/homebrew/opt/openjdk*/libexec/openjdk.jdk/Contents/Home' \
    '/usr/local/opt/openjdk*/libexec/openjdk.jdk/Contents/Home'
}

find_jdk() {
  local home version best='' best_version=0 pattern
  for home in "${JAVA_HOME:-}" "$(jdk_home_of_path_java)"; do
    [ -n "$home" ] || continue
    version=$(jdk_feature_version "$home")
    if [ -n "$version" ] && [ "$version" -ge "$CONCURRENCY_LAB_MIN_JAVA" ]; then
      printf '%s\n' "$home"
      return 0
    fi
  done
  while IFS= read -r pattern; do
    for home in $pattern; do
      [ -d "$home" ] || continue
      version=$(jdk_feature_version "$home")
      if [ -n "$version" ] && [ "$version" -gt "$best_version" ]; then
        best=$home best_version=$version
      fi
    done
  done < <(jdk_candidate_dirs)
  if [ -n "$best" ] && [ "$best_version" -ge "$CONCURRENCY_LAB_MIN_JAVA" ]; then
    printf '%s\n' "$best"
    return 0
  fi
  return 1
}

use_jdk() {
  local home
  if ! home=$(find_jdk); then
    echo "error: no JDK $CONCURRENCY_LAB_MIN_JAVA or newer found (looked at JAVA_HOME, java on the PATH and the usual install folders); install JDK 21+ (e.g. Eclipse Temurin 21, or your system's openjdk-21-jdk package) or set JAVA_HOME to one" >&2
    return 1
  fi
  export JAVA_HOME=$home
  export PATH="$JAVA_HOME/bin:$PATH"
  # Maven's own libraries call sun.misc.Unsafe; JDK 24+ warns about it on every build.
  if [ "$(jdk_feature_version "$JAVA_HOME")" -ge 24 ]; then
    case "${MAVEN_OPTS:-}" in
      *sun-misc-unsafe-memory-access*) ;;
      *) export MAVEN_OPTS="${MAVEN_OPTS:+$MAVEN_OPTS }--sun-misc-unsafe-memory-access=allow" ;;
    esac
  fi
}
