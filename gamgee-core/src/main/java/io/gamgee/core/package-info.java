/** The runtime: workflow base class, workers, worker pool, client, registry and queries. */
package io.gamgee.core;
