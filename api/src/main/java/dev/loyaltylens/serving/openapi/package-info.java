/**
 * The API's contract: the OpenAPI 3.1 document of every route, kept as a resource beside the code
 * and served at {@code GET /openapi.json}.
 */
package dev.loyaltylens.serving.openapi;
