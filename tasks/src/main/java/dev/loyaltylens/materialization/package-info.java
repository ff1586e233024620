/**
 * Materialization: published versions loaded from their snapshots into an online store, the store
 * pointed at the registry's latest version with the manifest kept beside it, and only the versions
 * that retention keeps left in it. The registry stays the source of truth: the online store follows
 * it, never leads it.
 */
package dev.loyaltylens.materialization;
