/**
 * Reading published snapshot files for serving: their feature columns and types as JSON, and the versions that
 * are not in memory, answered from their files.
 */
package dev.loyaltylens.serving.snapshots;
