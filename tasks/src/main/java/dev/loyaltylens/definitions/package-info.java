/**
 * Feature definitions: the FreeMarker SQL templates under {@code sql/}, their headers, and rendering them in a
 * sandbox into SQL with bound values.
 */
package dev.loyaltylens.definitions;
