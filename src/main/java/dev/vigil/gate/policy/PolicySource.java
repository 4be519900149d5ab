package dev.vigil.gate.policy;

/** A parsed policy file before inheritance. */
record PolicySource(String file, String name, String text, PolicyDocument doc) {

    static String policyName(String file) {
        String base = file.substring(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
        int dot = base.lastIndexOf('.');
        return dot > 0 ? base.substring(0, dot) : base;
    }
}
