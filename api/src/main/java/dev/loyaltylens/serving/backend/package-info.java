/**
 * The seam between the routes and where vectors live: {@link
 * dev.loyaltylens.serving.backend.ServingBackend} (the published versions, the one being served)
 * and {@link dev.loyaltylens.serving.backend.ServedVersion} (one version's lookups). A second
 * backend, such as one answering from Redis, is one new package implementing them.
 */
package dev.loyaltylens.serving.backend;
