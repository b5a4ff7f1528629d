package com.example;

/** The application's order that README's snippets save and submit. */
public record Order(String id, long amount) {
}
