/**
 * Reading published snapshot files for serving: the versions that are not in memory, answered from
 * their files.
 */
package dev.loyaltylens.serving.snapshots;
