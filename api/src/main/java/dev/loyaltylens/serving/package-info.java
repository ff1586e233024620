/**
 * Serving: the latest published version from a compact in-memory index, older versions from their snapshot
 * files, the manifest watched for new publishes, and the API's handlers.
 */
package dev.loyaltylens.serving;
