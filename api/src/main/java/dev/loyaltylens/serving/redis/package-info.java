/**
 * The backend of stateless API replicas: every answer read from an online store (Redis, one server
 * or a cluster), no vector held in the process and no home folder read. The pointer, the manifest
 * kept beside it and each version's metadata say what is published and current; the vectors are
 * read per request.
 */
package dev.loyaltylens.serving.redis;
