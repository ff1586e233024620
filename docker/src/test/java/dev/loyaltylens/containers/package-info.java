/** Tests of the loyaltylens-tasks and loyaltylens-api images on a real Docker engine. */
package dev.loyaltylens.containers;
