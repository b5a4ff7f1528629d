package com.example.app;

/** The application: it has no workflows of its own, only its tests do. */
public final class App {

    private App() {
    }

    public static String name() {
        return "app";
    }
}
