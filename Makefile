# sharemint — every target finds a JDK >= 25 by itself (JAVA_HOME when new enough, else the
# newest under /usr/lib/jvm) and runs Maven and java with it; nobody exports anything by hand.
SHELL := /bin/bash
.ONESHELL:
.SHELLFLAGS := -eu -o pipefail -c

JDK := $(shell bash etc/find-jdk.sh)
ifeq ($(JDK),)
$(error sharemint needs a JDK >= 25 and found none: install one under /usr/lib/jvm (apt-get install openjdk-25-jdk-headless where your release has it, or Temurin 25 from adoptium.net) or set JAVA_HOME to one)
endif
export JAVA_HOME := $(JDK)
export PATH := $(JDK)/bin:$(PATH)
JAVA := $(JDK)/bin/java
MVN := mvn -B -q
JAR := target/sharemint.jar
CONFIG ?= etc/sharemint.properties
SOURCES := $(shell find src/main -type f 2>/dev/null) pom.xml

.PHONY: build run miner wallet keygen cli test bench bench-quick jmh bench-load demo clean jdk

build: $(JAR)

$(JAR): $(SOURCES)
	$(MVN) -DskipTests package

# JVM options for the pool (README, "Many connections"): compact object headers and a G1 that
# gives free heap back; the bench's pool uses the same (sharemint bench --pool-jvm, BenchOptionsTest)
POOL_JVM ?= -XX:+UseCompactObjectHeaders -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20 -XX:G1PeriodicGCInterval=60000

run: $(JAR)
	exec $(JAVA) $(POOL_JVM) -Dtinylog.configuration=etc/tinylog.properties -jar $(JAR) pool --config=$(CONFIG) --pool.sv1.listen=127.0.0.1:3333 $(ARGS)

# the other commands of the jar with the JDK found above (README, "By hand"), e.g.
# make miner ARGS='--pool=127.0.0.1:34254 --authority-key=... --mint-url=http://127.0.0.1:3338 --wallet-dir=/tmp/w';
# make cli ARGS='...' is java -jar target/sharemint.jar ... (make cli ARGS=--help lists the commands)
miner wallet keygen: $(JAR)
	@exec $(JAVA) -jar $(JAR) $@ $(ARGS)

cli: $(JAR)
	@exec $(JAVA) -jar $(JAR) $(ARGS)

test:
	mvn -B -ntp verify

# make bench: the JMH micro-benchmarks (bench/jmh) with a time budget, then the load run
# (sharemint bench: pool as a child JVM, modes (a) full, (b) immediate ack, (c) batched, paced
# phases, 10,000 idle Noise connections), which writes bench/RESULTS.md and bench/latency.svg.
# Mode (a-pg) is (a) with the ledger on a throwaway PostgreSQL the bench starts (process.LocalPostgres,
# as the tests do); skipped with one line where the postgresql package is missing.
# About 8 minutes on 2 cores. The time budgets are @Warmup/@Measurement in the benchmark classes
# (longer for the benchmarks that judge a target). JMH_ARGS runs only that JMH selection, e.g.
# make bench JMH_ARGS='Codec -f 1'; BENCH_ARGS adds options to the load run (sharemint bench --help).
JMH_BUDGET := -f 1
BENCH_ARGS ?=

bench: $(JAR)
	$(MAKE) --no-print-directory jmh JMH_RUN_ARGS="$(or $(JMH_ARGS),$(JMH_BUDGET))"
	$(if $(JMH_ARGS),,$(MAKE) --no-print-directory bench-load)

# under a minute: a tiny load run and a JMH smoke (one short iteration of each benchmark, no
# fork; it ignores JMH's lock, since a smoke run's figures are not kept)
bench-quick: $(JAR)
	$(MAKE) --no-print-directory jmh JMH_RUN_ARGS='-f 0 -wi 0 -i 1 -r 100ms' JMH_JVM='-Djmh.ignoreLock=true'
	$(MAKE) --no-print-directory bench-load BENCH_ARGS='--quick $(BENCH_ARGS)'

jmh:
	$(MVN) -Pbench -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp
	$(JAVA) $(JMH_JVM) -cp target/test-classes:target/classes:$$(cat target/bench.cp) org.openjdk.jmh.Main \
	  -rf json -rff target/jmh.json $(JMH_RUN_ARGS)

bench-load: $(JAR)
	$(JAVA) -jar $(JAR) bench --profile $(BENCH_ARGS)

# a pool with its embedded mint and two CPU miners on loopback for about 20 s (etc/demo.sh)
DEMO_SECONDS ?= 20
demo: $(JAR)
	JAVA=$(JAVA) JAR=$(JAR) DEMO_SECONDS=$(DEMO_SECONDS) DEMO_KEEP=$(DEMO_KEEP) bash etc/demo.sh

clean:
	$(MVN) clean
	rm -rf data

jdk:
	@echo $(JDK)
