package dev.loyaltylens.serving;

/** A method and path that no route answers. */
final class RouteNotFoundException extends ServingException {

  RouteNotFoundException(String method, String path) {
    super(404, "no route for " + method + " " + Quoting.shorten(path) + ": see GET /features/{customer_id}, /features/stats, POST /features/batch, /versions, /health, /metrics, /openapi.json");
  }
}
