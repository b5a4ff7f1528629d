package io.gamgee.jpa;

/**
 * Any other database, with tables created by hand from {@code SCHEMA.md}: standard SQL throughout,
 * optimistic claims, instants as {@code TIMESTAMP WITH TIME ZONE}, no shipped schema.
 */
final class GenericVendor extends Vendor {

    @Override
    Dialect dialect() {
        return Dialect.GENERIC;
    }

    @Override
    boolean recognizes(String product) {
        return false;
    }

    @Override
    String schemaResource() {
        return null;
    }
}
