/** The compiled shape of a diagram (steps, decisions, retry policies) that generated code refers to. */
package io.gamgee.core.definition;
