/**
 * The online store: published versions materialized where many API processes can read them without
 * holding the data. A store loads a version's vectors, makes a complete version current by one
 * pointer update, reads one or many customers of one version, and lists and drops versions. Each
 * store is one package behind {@link dev.loyaltylens.online.OnlineStore}; {@link
 * dev.loyaltylens.online.OnlineStores} picks one by its address.
 */
package dev.loyaltylens.online;
