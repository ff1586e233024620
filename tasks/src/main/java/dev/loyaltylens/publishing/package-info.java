/**
 * Publishing a validated version: an immutable snapshot file for serving, the registry's commit,
 * and the manifest readers follow. Exporting a version's vectors for offline scoring lives here
 * too.
 */
package dev.loyaltylens.publishing;
