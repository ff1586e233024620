/**
 * The Redis online store, on a single server or a Redis Cluster. Its layout (keys, the binary
 * vector value, the version metadata and the pointer) is written down in the README for readers in
 * other languages.
 */
package dev.loyaltylens.online.redis;
