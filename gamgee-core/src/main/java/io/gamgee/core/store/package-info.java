/** The storage SPI: what a store of workflow instances must do, and the values it exchanges. */
package io.gamgee.core.store;
