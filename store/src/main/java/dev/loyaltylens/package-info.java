/** LoyaltyLens: a versioned, validated feature store on embedded DuckDB. */
package dev.loyaltylens;
