/**
 * Retention: pinning the published versions that must stay, and removing the vectors, quarantined
 * rows and snapshots of older ones, recorded in the registry.
 */
package dev.loyaltylens.retention;
