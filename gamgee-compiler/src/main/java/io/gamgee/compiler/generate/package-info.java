/** JavaPoet code generation: the abstract base class, the scaffold, and the diagram hash. */
package io.gamgee.compiler.generate;
