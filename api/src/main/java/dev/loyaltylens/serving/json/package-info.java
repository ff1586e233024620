/**
 * The JSON the API answers with: a reusable per-thread buffer, and the shapes of a vector and of a
 * batch reply, written byte by byte so that a lookup allocates little beyond its reply.
 */
package dev.loyaltylens.serving.json;
