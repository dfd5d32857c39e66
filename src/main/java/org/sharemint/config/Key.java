package org.sharemint.config;

/** One configuration key: its name, its default, the form of its value and what it means. */
public record Key(String name, String defaultValue, ValueType type, String meaning) {}
