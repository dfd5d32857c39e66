# sharemint — every target finds a JDK >= 21 by itself (JAVA_HOME when new enough, else the
# newest under /usr/lib/jvm) and runs Maven with it; nobody exports anything by hand.
SHELL := /bin/bash
.ONESHELL:
.SHELLFLAGS := -eu -o pipefail -c

JDK := $(shell bash etc/find-jdk.sh)
ifeq ($(JDK),)
$(error no JDK >= 21 found: set JAVA_HOME to one or install one under /usr/lib/jvm (apt-get install openjdk-21-jdk))
endif
export JAVA_HOME := $(JDK)
export PATH := $(JDK)/bin:$(PATH)
JAVA := $(JDK)/bin/java
MVN := mvn -B -q
JAR := target/sharemint.jar
CONFIG ?= etc/sharemint.properties
SOURCES := $(shell find src/main -type f 2>/dev/null) pom.xml

.PHONY: build run test bench bench-quick demo clean jdk

build: $(JAR)

$(JAR): $(SOURCES)
	$(MVN) -DskipTests package

run: $(JAR)
	exec $(JAVA) -Dtinylog.configuration=etc/tinylog.properties -jar $(JAR) pool --config=$(CONFIG) $(ARGS)

test:
	mvn -B -ntp verify

# JMH micro-benchmarks (bench/jmh); JMH_ARGS narrows or shortens a run, e.g. JMH_ARGS='Codec -f1'
bench:
	$(MVN) -Pbench -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp
	$(JAVA) -cp target/test-classes:target/classes:$$(cat target/bench.cp) org.openjdk.jmh.Main \
	  -rf json -rff target/jmh.json $${JMH_ARGS:-}

# a pool with its embedded mint and two CPU miners on loopback for about 20 s (etc/demo.sh)
DEMO_SECONDS ?= 20
demo: $(JAR)
	JAVA=$(JAVA) JAR=$(JAR) DEMO_SECONDS=$(DEMO_SECONDS) DEMO_KEEP=$(DEMO_KEEP) bash etc/demo.sh

bench-quick:
	$(MAKE) bench JMH_ARGS='-f 1 -wi 1 -i 2 -w 1s -r 1s'

clean:
	$(MVN) clean
	rm -rf data

jdk:
	@echo $(JDK)
