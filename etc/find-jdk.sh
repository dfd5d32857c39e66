#!/usr/bin/env bash
# Prints the home of a JDK >= 25 (pom.xml compiles for 25 and make run uses JDK 25's compact
# object headers): JAVA_HOME when it is new enough, else the newest under /usr/lib/jvm. Prints
# nothing when there is none (the Makefile and .ci/run then say what to install).
NEED=25
major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }
ok() { [ -x "$1/bin/javac" ] && v=$(major "$1") && [ -n "$v" ] && [ "${v%%.*}" -ge "$NEED" ] 2>/dev/null; }
if [ -n "${JAVA_HOME:-}" ] && ok "$JAVA_HOME"; then echo "$JAVA_HOME"; exit 0; fi
best=; bestv=0
for d in /usr/lib/jvm/*/; do
  d=${d%/}; [ -L "$d" ] && continue
  if ok "$d"; then v=$(major "$d"); v=${v%%.*}; [ "$v" -gt "$bestv" ] && { best=$d; bestv=$v; }; fi
done
[ -n "$best" ] && echo "$best"
exit 0
