# Sourced by the detect benchmarks: sets CP to the main classes plus runtime dependencies, compiling if needed.
# Uses the packaged app when present, else target/classes plus the Maven-resolved classpath.
if [[ -d target/quarkus-app/lib/main && -z "${VIGIL_FROM_CLASSES:-}" ]]; then
  CP="target/quarkus-app/lib/main/*:target/quarkus-app/app/*"
else
  ./mvnw -q compile dependency:build-classpath -Dmdep.outputFile=target/detect-cp.txt >&2
  CP="target/classes:$(cat target/detect-cp.txt)"
fi
