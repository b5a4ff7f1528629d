/** Reading diagram text: tokens with line and column, states, arrows and the parser. */
package io.gamgee.compiler.diagram;
