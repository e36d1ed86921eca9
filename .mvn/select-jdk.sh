# Sourced by ./mvnw (POSIX sh, runs under `set -euf`).
#
# Celeriac compiles to Java 21 bytecode and its build plugins need a JDK >= 21.
# Many machines still default to an older `java` (Debian 12 ships 17) while a newer
# JDK sits next to it, so instead of failing we look for one and export JAVA_HOME.
# When there is none we stop with a message that says what to install.

celeriac_required_jdk=21

# Prints the feature release of the JDK whose java binary is $1 (8 for 1.8, 17, 21, 25 ...).
celeriac_java_major() {
  "$1" -version 2>&1 | sed -n '1s/.*version "\([0-9][0-9.]*\).*/\1/p' |
    awk -F. '{ if ($1 == 1) print $2; else print $1 }'
}

# Succeeds when directory $1 is a JDK home (java and javac) of release >= 21; prints the release.
celeriac_jdk_release() {
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  celeriac_release=$(celeriac_java_major "$1/bin/java")
  [ -n "$celeriac_release" ] && [ "$celeriac_release" -ge "$celeriac_required_jdk" ] || return 1
  echo "$celeriac_release"
}

celeriac_select_jdk() {
  if [ -n "${JAVA_HOME-}" ] && celeriac_jdk_release "$JAVA_HOME" >/dev/null; then
    return 0
  fi
  if [ -z "${JAVA_HOME-}" ]; then
    celeriac_path_java=$(command -v java 2>/dev/null || :)
    if [ -n "$celeriac_path_java" ] && command -v javac >/dev/null 2>&1; then
      celeriac_path_release=$(celeriac_java_major "$celeriac_path_java")
      if [ -n "$celeriac_path_release" ] && [ "$celeriac_path_release" -ge "$celeriac_required_jdk" ]; then
        return 0
      fi
    fi
  fi

  # The java we were given is missing or too old: look where JDKs are usually installed.
  celeriac_best_home=
  celeriac_best_release=0
  set +f # mvnw disables globbing; we need it to list JDK directories
  for celeriac_home in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* /usr/local/jdk* \
    "${HOME-}"/.sdkman/candidates/java/* "${HOME-}"/.jdks/* "${HOME-}"/.asdf/installs/java/* \
    /Library/Java/JavaVirtualMachines/*/Contents/Home /opt/homebrew/opt/openjdk*/libexec/openjdk.jdk/Contents/Home; do
    [ -d "$celeriac_home" ] || continue
    [ -L "$celeriac_home" ] && continue # Debian lists each JDK twice, once as a symlink
    celeriac_release=$(celeriac_jdk_release "$celeriac_home") || continue
    if [ "$celeriac_release" -gt "$celeriac_best_release" ]; then
      celeriac_best_release=$celeriac_release
      celeriac_best_home=$celeriac_home
    fi
  done
  set -f

  if [ -z "$celeriac_best_home" ]; then
    echo "Celeriac needs a JDK $celeriac_required_jdk or newer, and none was found." >&2
    echo "  java in use: ${JAVA_HOME:-$(command -v java 2>/dev/null || echo none)}" >&2
    echo "  Install one (Debian/Ubuntu: 'apt-get install openjdk-21-jdk' or Temurin 21+ from adoptium.net;" >&2
    echo "  macOS: 'brew install openjdk@21') and run ./mvnw again, or set JAVA_HOME to it." >&2
    exit 1
  fi
  if [ "${MVNW_VERBOSE-}" = true ] || [ -n "${JAVA_HOME-}" ]; then
    echo "mvnw: using JDK $celeriac_best_release at $celeriac_best_home (JAVA_HOME was too old or unset)" >&2
  fi
  JAVA_HOME=$celeriac_best_home
  export JAVA_HOME
}

celeriac_select_jdk
