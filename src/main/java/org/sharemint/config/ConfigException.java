package org.sharemint.config;

/** A wrong key or value: the message is one line that names the key and the expected form. */
public final class ConfigException extends Exception {
    public ConfigException(String message) {
        super(message);
    }
}
