package dev.loyaltylens.online;

import dev.loyaltylens.store.PublishedManifest;

/**
 * What an online store says is published: its pointer and the manifest kept with it, read together,
 * so that the pointer's version is always one the manifest lists.
 */
public record OnlinePublication(OnlinePointer pointer, PublishedManifest manifest) {}
