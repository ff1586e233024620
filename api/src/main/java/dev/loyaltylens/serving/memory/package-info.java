/**
 * The in-memory backend: the latest published version held as a compact index (ids under an
 * open-addressing hash table, one primitive array per feature), loaded from its snapshot and
 * swapped in by one reference when the manifest names a new version.
 */
package dev.loyaltylens.serving.memory;
