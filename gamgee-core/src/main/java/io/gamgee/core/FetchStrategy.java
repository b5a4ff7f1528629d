package io.gamgee.core;

/** Which due instance a worker claims when several match its query. */
public enum FetchStrategy {
    /** The one due most recently: newest work first (LIFO). */
    NEWEST,
    /** The one due longest: fair, first in first out. */
    OLDEST,
    /**
     * Any due one, picked so that many workers rarely collide on the same row. Stores must not sort
     * the whole backlog to pick it.
     */
    RANDOM
}
