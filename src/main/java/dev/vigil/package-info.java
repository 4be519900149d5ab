/** Vigil: anomaly detector and release guard for CI/CD. */
package dev.vigil;
