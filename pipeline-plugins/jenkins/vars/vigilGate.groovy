// Vigil release gate as a Jenkins shared-library step. SPDX-License-Identifier: GPL-3.0-or-later
//
//   def verdict = vigilGate(url: 'https://vigil.example.com', credentialsId: 'vigil-gate-token',
//                           service: 'checkout', environment: 'prod', version: '1.5.0', commit: env.GIT_COMMIT,
//                           canaryLabel: 'version', baseline: '1.4.2', canary: '1.5.0', wait: 'PT5M')
//
// Returns the verdict. PASS: returns. WARN: marks the build UNSTABLE (or fails it with failOnWarn: true).
// FAIL, INCONCLUSIVE or an error: fails the build with the reason.

import groovy.transform.Field

@Field static final Map<String, String> FLAGS = [
    service: '--service', environment: '--environment', version: '--version', commit: '--commit',
    previousCommit: '--previous-commit', repository: '--repository', policy: '--policy',
    requestId: '--request-id', canaryLabel: '--canary-label', baseline: '--baseline', canary: '--canary',
    metrics: '--metrics', window: '--window', wait: '--wait', timeout: '--timeout',
]

@Field static final Set<String> OTHER_KEYS = ['url', 'credentialsId', 'cliUrl', 'failOnWarn'] as Set

def call(Map args = [:]) {
    def unknown = args.keySet().findAll { !FLAGS.containsKey(it) && !OTHER_KEYS.contains(it) }
    if (unknown) {
        error("vigilGate: unknown argument(s) ${unknown}; known: ${(FLAGS.keySet() + OTHER_KEYS).sort()}")
    }
    ['url', 'service', 'environment', 'version', 'commit'].each { k ->
        if (!args[k]) { error("vigilGate: '${k}' is required") }
    }
    if (!args.requestId) {
        args.requestId = "jenkins-${env.JOB_NAME}-${env.BUILD_NUMBER}-${args.service}-${args.environment}".replaceAll('[^A-Za-z0-9._:/-]', '-')
    }
    // Values travel as environment variables and the shell builds the argument list itself: no quoting of
    // user values into script text, so none can inject shell code.
    def envs = ["VIGIL_URL=${args.url}", "VG_CLI_URL=${args.cliUrl ?: "${args.url}/cli/vigil-gate"}"]
    FLAGS.each { key, flag -> envs << "VG_${key}=${args[key] != null ? args[key] : ''}" }
    int rc
    String out
    withCredentials([string(credentialsId: args.credentialsId ?: 'vigil-gate-token', variable: 'VIGIL_TOKEN')]) {
        withEnv(envs) {
            rc = sh(returnStatus: true, label: 'Vigil gate', script: '''#!/bin/sh
                cli="${WORKSPACE_TMP:-/tmp}/vigil-gate"
                curl -fsSL "$VG_CLI_URL" -o "$cli" || exit 1
                set --
                for pair in service:--service environment:--environment version:--version commit:--commit \
                    previousCommit:--previous-commit repository:--repository policy:--policy requestId:--request-id \
                    canaryLabel:--canary-label baseline:--baseline canary:--canary metrics:--metrics \
                    window:--window wait:--wait timeout:--timeout; do
                  value=$(eval "printf '%s' \\"\\${VG_${pair%%:*}:-}\\"")
                  [ -z "$value" ] || set -- "$@" "${pair#*:}" "$value"
                done
                sh "$cli" "$@" > vigil-gate.out 2>&1
                rc=$?
                cat vigil-gate.out
                exit $rc
            ''')
            out = readFile('vigil-gate.out')
        }
    }
    String verdict = headerValue(out, 'verdict') ?: 'ERROR'
    String url = headerValue(out, 'url') ?: ''
    switch (rc) {
        case 0: return verdict
        case 3:
            if (args.failOnWarn) { error("Vigil gate: WARN ${url}") }
            unstable("Vigil gate: WARN ${url}")
            return verdict
        case 2: error("Vigil gate: FAIL ${url}")
        case 4: error("Vigil gate: INCONCLUSIVE, not enough evidence ${url}")
        default: error("Vigil gate: error (exit ${rc}), see the log above")
    }
}

// Regex matchers are not serialisable, so they must stay out of CPS-transformed code.
@NonCPS
private static String headerValue(String text, String key) {
    def m = text =~ /(?m)^${key}: (\S+)/
    return m.find() ? m.group(1) : null
}
